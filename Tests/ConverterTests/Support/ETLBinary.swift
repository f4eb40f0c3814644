import Foundation

/// The `etl` executable built beside the test bundle, run as a user would run it.
enum ETLBinary {
    /// The repository, from this file's place in `Tests/ConverterTests/Support/`.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The products folder holds both the test bundle and `etl`.
    static var url: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("etl")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return repository.appendingPathComponent(".build/debug/etl")
    }

    struct Run {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    /// `stdinFile`: standard input redirected from that file (as `< file` does) instead of a
    /// pipe. `stdoutLimit`: read that many bytes of standard output, then close it, as `| head -c`
    /// does.
    static func run(_ arguments: [String], stdin: Data? = nil, stdinFile: URL? = nil, stdoutLimit: Int? = nil,
                    in folder: URL, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let stdinFile {
            process.standardInput = try FileHandle(forReadingFrom: stdinFile)
        } else {
            process.standardInput = input
        }
        try process.run()
        // Read both pipes while the process runs so neither fills up and blocks it.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) {
            if let stdoutLimit {
                let reader = out.fileHandleForReading
                while outData.count < stdoutLimit, let chunk = try? reader.read(upToCount: stdoutLimit - outData.count), !chunk.isEmpty {
                    outData.append(chunk)
                }
                try? reader.close()
            } else {
                outData = out.fileHandleForReading.readDataToEndOfFile()
            }
        }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        // A hung run must fail the test, not stall CI.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        if let stdin, stdinFile == nil { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        watchdog.cancel()
        group.wait()
        return Run(status: process.terminationStatus, stdout: [UInt8](outData), stderr: [UInt8](errData))
    }
}

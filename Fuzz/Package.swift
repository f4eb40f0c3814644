// swift-tools-version: 6.0
// libFuzzer targets, apart from the main package because `swift build` there cannot link them
// (each provides libFuzzer's entry point instead of `main`). Build and run with `scripts/fuzz`.
// The library sources are the main package's, through symlinks in `Sources/`, so the whole
// library is instrumented (`swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address`).
import PackageDescription

let fuzzTarget: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "etl-fuzz",
    targets: [
        .systemLibrary(name: "CZlib", pkgConfig: "zlib"),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0"),
        .target(name: "JSON"),
        .target(name: "Schemas", dependencies: ["JSON"]),
        .target(name: "Converters", dependencies: ["JSON", "Schemas", "CZlib", "CLibXML2"]),
        .target(name: "SampleData", dependencies: ["JSON", "Schemas", "Converters"]),
        .target(name: "FuzzSupport", dependencies: ["JSON", "Converters", "Schemas", "SampleData"]),
        .executableTarget(name: "framers", dependencies: ["FuzzSupport"], swiftSettings: fuzzTarget),
        .executableTarget(name: "json-parser", dependencies: ["FuzzSupport"], swiftSettings: fuzzTarget),
        .executableTarget(name: "date-rule", dependencies: ["FuzzSupport"], swiftSettings: fuzzTarget),
        .executableTarget(name: "phone-rule", dependencies: ["FuzzSupport"], swiftSettings: fuzzTarget),
        .executableTarget(name: "gzip", dependencies: ["FuzzSupport"], swiftSettings: fuzzTarget),
        .executableTarget(name: "records", dependencies: ["FuzzSupport"], swiftSettings: fuzzTarget),
        .executableTarget(name: "xml", dependencies: ["FuzzSupport"], swiftSettings: fuzzTarget),
    ]
)

// swift-tools-version: 6.0
// libFuzzer targets, apart from the main package because `swift build` there cannot link them
// (each provides libFuzzer's entry point instead of `main`). Build and run with `scripts/fuzz`.
// The library is the main package's `ETLCore` product, by path, so the targets see its public
// API only; `scripts/fuzz` builds every target, the library's included, with the fuzzer's
// coverage and AddressSanitizer (`swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address`).
import PackageDescription

let fuzzTarget: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
let core: Target.Dependency = .product(name: "ETLCore", package: "etl")

let package = Package(
    name: "etl-fuzz",
    dependencies: [
        .package(name: "etl", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: [core]),
        .executableTarget(name: "framers", dependencies: ["FuzzSupport", core], swiftSettings: fuzzTarget),
        .executableTarget(name: "json-parser", dependencies: ["FuzzSupport", core], swiftSettings: fuzzTarget),
        .executableTarget(name: "date-rule", dependencies: ["FuzzSupport", core], swiftSettings: fuzzTarget),
        .executableTarget(name: "phone-rule", dependencies: ["FuzzSupport", core], swiftSettings: fuzzTarget),
        .executableTarget(name: "gzip", dependencies: ["FuzzSupport", core], swiftSettings: fuzzTarget),
        .executableTarget(name: "records", dependencies: ["FuzzSupport", core], swiftSettings: fuzzTarget),
        .executableTarget(name: "xml", dependencies: ["FuzzSupport", core], swiftSettings: fuzzTarget),
    ]
)

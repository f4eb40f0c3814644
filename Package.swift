// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "etl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "etl", targets: ["etl"]),
        // The converter's library for the fuzz targets (Fuzz/ depends on this package by path).
        .library(name: "ETLCore", targets: ["JSON", "Schemas", "Converters"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // HTTP delivery to Braze and Amplitude (Delivery target only) and the fake vendor
        // servers of the tests and the bench (NIOHTTP1 comes with AsyncHTTPClient anyway).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // The `etl sync` job file.
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // The pipeline, bottom up: JSON bytes <-> values; the canonical profile and its rules;
        // everything that streams; generated sample data (not part of a conversion).
        .target(name: "JSON"),
        .target(name: "Schemas", dependencies: ["JSON"]),
        .target(
            name: "Converters",
            dependencies: ["JSON", "Schemas", "CZlib", "CLibXML2"]
        ),
        .target(name: "SampleData", dependencies: ["JSON", "Schemas", "Converters"]),
        // Sends planned batches to Braze /users/track or Amplitude's Identify API.
        .target(
            name: "Delivery",
            dependencies: [
                "JSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Fake Braze and Amplitude servers on 127.0.0.1 for the tests and scripts/bench.
        .target(
            name: "FakeVendor",
            dependencies: [
                "JSON",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "fake-vendor",
            dependencies: [
                "FakeVendor", "Delivery",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // `etl sync`: the job file, the state store (SQLite), planning and delivery ledger.
        .target(
            name: "Sync",
            dependencies: [
                "JSON", "Schemas", "Converters", "CSQLite",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "etl",
            dependencies: [
                "JSON", "Schemas", "Converters", "SampleData", "Sync", "Delivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ConverterTests",
            dependencies: [
                "JSON", "Schemas", "Converters", "SampleData", "Sync", "FakeVendor", "CLibXML2",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "DeliveryTests",
            dependencies: [
                "JSON", "Delivery", "FakeVendor",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
    ]
)

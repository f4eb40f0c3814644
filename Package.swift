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
                "JSON", "Schemas", "Converters", "SampleData", "Sync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ConverterTests",
            dependencies: ["JSON", "Schemas", "Converters", "SampleData", "Sync"]
        ),
    ]
)

// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "etl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "etl", targets: ["etl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
        .target(name: "Schemas"),
        .target(
            name: "Converters",
            dependencies: ["Schemas", "CZlib", "CLibXML2"]
        ),
        .executableTarget(
            name: "etl",
            dependencies: [
                "Converters", "Schemas",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ConverterTests",
            dependencies: ["Converters", "Schemas"]
        ),
    ]
)

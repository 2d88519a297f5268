// swift-tools-version: 6.2
import PackageDescription

/// Buurtstem: participatory budgeting and voting for Dutch gemeenten.
///
/// The data flows one way: register -> issuance -> casting -> close -> allocation -> record -> verifier.
/// `BuurtstemVerifier` shares only the record format and the crypto wrapper with the engine, never the engine.
/// Our own targets build without warnings: a warning is an error here (dependencies are not affected).
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "Buurtstem",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Buurtstem", targets: ["Buurtstem"]),
        .library(name: "BuurtstemCrypto", targets: ["BuurtstemCrypto"]),
        .library(name: "BuurtstemRecord", targets: ["BuurtstemRecord"]),
        .library(name: "BuurtstemVerifier", targets: ["BuurtstemVerifier"]),
        .library(name: "BuurtstemDemo", targets: ["BuurtstemDemo"]),
        .executable(name: "buurtstem", targets: ["buurtstem"]),
        .executable(name: "buurtstem-verify", targets: ["buurtstem-verify"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        // The kiosk's local web server. Default traits off: no swift-configuration to build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .target(
            name: "BuurtstemCrypto",
            dependencies: ["CSodium"],
            swiftSettings: strict
        ),
        .target(
            name: "BuurtstemRecord",
            dependencies: ["BuurtstemCrypto"],
            swiftSettings: strict
        ),
        .target(
            name: "Buurtstem",
            dependencies: [
                "BuurtstemCrypto",
                "BuurtstemRecord",
                "CQRencode",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BuurtstemDemo",
            dependencies: ["Buurtstem", "BuurtstemCrypto", "BuurtstemRecord", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .target(
            name: "BuurtstemVerifier",
            dependencies: ["BuurtstemCrypto", "BuurtstemRecord", .product(name: "BigInt", package: "BigInt")],
            swiftSettings: strict
        ),
        // The public results site: renders the engine's report values as static HTML, JSON and CSV; never the store.
        .target(
            name: "BuurtstemSite",
            dependencies: ["Buurtstem", "BuurtstemRecord"],
            swiftSettings: strict
        ),
        // The kiosk's local web server: the voting page on the same library calls as `buurtstem vote`.
        .target(
            name: "BuurtstemKiosk",
            dependencies: [
                "Buurtstem",
                "BuurtstemCrypto",
                "BuurtstemRecord",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            // The page's files are compiled into the binary: the kiosk needs no resource folder next to it.
            resources: [
                .embedInCode("Pages/kiosk.html"),
                .embedInCode("Pages/kiosk.css"),
                .embedInCode("Pages/kiosk.js"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "buurtstem",
            dependencies: [
                "Buurtstem",
                "BuurtstemCrypto",
                "BuurtstemRecord",
                "BuurtstemDemo",
                "BuurtstemSite",
                "BuurtstemKiosk",
                "BuurtstemVerifier",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "buurtstem-verify",
            dependencies: [
                "BuurtstemVerifier",
                "BuurtstemCrypto",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "BuurtstemCryptoTests", dependencies: ["BuurtstemCrypto"], swiftSettings: strict),
        .testTarget(name: "BuurtstemRecordTests", dependencies: ["BuurtstemRecord"], swiftSettings: strict),
        .testTarget(
            name: "BuurtstemTests",
            dependencies: [
                "Buurtstem", "BuurtstemDemo", .product(name: "PropertyBased", package: "swift-property-based"),
                // A second big-integer implementation to check the engine's own BigNatural against.
                .product(name: "BigInt", package: "BigInt"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BuurtstemVerifierTests",
            dependencies: ["BuurtstemVerifier", "Buurtstem", "BuurtstemDemo", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(name: "BuurtstemSiteTests", dependencies: ["BuurtstemSite", "Buurtstem"], swiftSettings: strict),
        .testTarget(
            name: "BuurtstemCLITests",
            dependencies: ["Buurtstem", "BuurtstemDemo", "BuurtstemKiosk", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)

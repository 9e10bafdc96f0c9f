// swift-tools-version:6.0
import PackageDescription

/// How the program is linked, for a quicker start: every command, a no-change rebuild among them,
/// pays for the dynamic loader before `main`. LLD (shipped with the Swift toolchain; gold cannot)
/// packs the program's 105,000 relative relocations into a few kilobytes (`DT_RELR`, read by glibc
/// 2.36 and later) instead of 2.5 MB, and the program exports none of its nearly 24,000 symbols: nothing
/// loads it as a library, and the runtime's own lookup of its path (`dladdr`, at start-up) walks
/// the exported symbols one by one.
let startUpLinkerSettings: [LinkerSetting] = [
    .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux])),
]

/// One list of compiler settings shared by every target, so the whole package builds the same way.
let sharedSwiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "UnionPress",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "unionpress", targets: ["unionpress"]),
        .library(name: "NewsLoader", targets: ["NewsLoader", "NewsModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Already in Hummingbird's graph; named because PreviewServer and its tests import them.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(name: "CMalloc"),
        .target(name: "CFileMapping"),
        .target(name: "CProgramIdentity"),
        .target(name: "CInterruptDeferral"),
        .target(name: "NewsModel", swiftSettings: sharedSwiftSettings),
        .target(
            name: "NewsLoader",
            dependencies: ["NewsModel", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources")],
            swiftSettings: sharedSwiftSettings
        ),
        .target(name: "MarkdownRendering", dependencies: ["CCmarkGFM"], swiftSettings: sharedSwiftSettings),
        .target(
            name: "Templates",
            dependencies: ["NewsModel"],
            path: "Templates",
            resources: [.copy("Assets")],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "SiteBuilder",
            dependencies: ["NewsModel", "NewsLoader", "MarkdownRendering", "Templates", "CFileMapping", "CProgramIdentity", "CInterruptDeferral"],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "PreviewServer",
            dependencies: [
                "NewsModel", "NewsLoader", "SiteBuilder", "Templates",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "UnionPressCLI",
            dependencies: [
                "NewsModel", "NewsLoader", "SiteBuilder", "PreviewServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .executableTarget(
            name: "unionpress",
            dependencies: ["UnionPressCLI", "CMalloc"],
            swiftSettings: sharedSwiftSettings,
            linkerSettings: startUpLinkerSettings
        ),
        // What several test targets share (a seeded random number generator); no product uses it.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: sharedSwiftSettings),
        .testTarget(name: "NewsModelTests", dependencies: ["NewsModel"], swiftSettings: sharedSwiftSettings),
        .testTarget(
            name: "NewsLoaderTests",
            dependencies: ["NewsLoader", "NewsModel", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(name: "MarkdownRenderingTests", dependencies: ["MarkdownRendering"], swiftSettings: sharedSwiftSettings),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates", "NewsModel"], swiftSettings: sharedSwiftSettings),
        .testTarget(
            name: "SiteBuilderTests",
            dependencies: ["SiteBuilder", "NewsModel", "NewsLoader", "Templates", "TestSupport", "CInterruptDeferral"],
            resources: [.copy("Fixtures")],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "PreviewServerTests",
            dependencies: [
                "PreviewServer", "SiteBuilder", "NewsLoader", "NewsModel",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            // The real-browser check is a Python script the tests run from the package folder.
            exclude: ["browser"],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "UnionPressCLITests",
            dependencies: ["UnionPressCLI", "NewsModel"],
            swiftSettings: sharedSwiftSettings
        ),
    ]
)

// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for the loader's two readers, in a package of their own so that the root package
// builds and tests as usual. Built and run by `make fuzz` at the root, which passes
// `-sanitize=fuzzer,address` to every module: the loader and Yams are instrumented too.
let package = Package(
    name: "UnionPressFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        // Named, so the dependency's identity does not come from whatever the checkout folder is called.
        .package(name: "UnionPress", path: ".."),
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        .executableTarget(
            name: "FuzzPageDump",
            dependencies: ["FuzzSupport", .product(name: "NewsLoader", package: "UnionPress")]
        ),
        .executableTarget(
            name: "FuzzFrontMatter",
            dependencies: ["FuzzSupport", .product(name: "NewsLoader", package: "UnionPress")]
        ),
    ]
)

// swift-tools-version: 6.1
import PackageDescription

// The model's layers, and Output whose tables are written every step, let the modules that use them inline
// their code (the step crosses Stochastics, Economy and Simulation many times; without this every call across
// them is opaque). docs/PERFORMANCE.md. In release builds they also skip the run-time exclusivity checks (debug
// builds, and so the tests, keep them).
let optimized: [SwiftSetting] = [
    .unsafeFlags(["-cross-module-optimization"]),
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "drypowder",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "drypowder", targets: ["drypowder"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // C only: GSL's headers and link flags. Imported by Stochastics and nothing else.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // C only: file-system calls Swift's Glibc lacks (atomic exchange). Imported by Output's Disk only.
        .systemLibrary(name: "CFileSystem"),
        // Random streams, distributions, statistics, root finding: the one door to GSL.
        .target(name: "Stochastics", dependencies: ["CGSL"], swiftSettings: optimized),
        // Files -> validated value types with file:line:key errors. No economics.
        .target(name: "Config", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Instruments, balance sheets, agents, markets and clearing. No I/O.
        .target(name: "Economy", dependencies: ["Stochastics", "Config"], swiftSettings: optimized),
        // The world, the ordered step, experiments and runs.
        .target(name: "Simulation", dependencies: ["Economy", "Config", "Stochastics"], swiftSettings: optimized),
        // Recorder, CSV writers, run manifests, atomic run directories.
        .target(name: "Output", dependencies: ["Simulation", "Config", "Stochastics", "Economy", "CFileSystem"],
                swiftSettings: optimized),
        // Batches: designs, replications, variants, sweeps on every core, resume, shards and merge.
        .target(name: "Batch", dependencies: ["Simulation", "Output", "Config", "Economy", "Stochastics"]),
        // `drypowder analyze`: statistics of a finished sweep's tables (tails, clustering, drawdowns, flows).
        .target(name: "Analysis", dependencies: ["Output", "Simulation", "Stochastics"]),
        // `drypowder calibrate`: the method of simulated moments over analyze's statistics.
        .target(name: "Calibration", dependencies: ["Analysis", "Batch", "Simulation", "Config", "Output", "Stochastics"]),
        // The executable: argument parsing and wiring only.
        .executableTarget(
            name: "drypowder",
            dependencies: [
                "Simulation", "Output", "Batch", "Analysis", "Calibration", "Config", "Economy", "Stochastics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: release-mode timings of the hot paths (never a test).
        .executableTarget(name: "drypowder-bench", dependencies: ["Simulation", "Economy", "Config", "Output", "Stochastics"]),
        .testTarget(name: "StochasticsTests", dependencies: ["Stochastics", "TestSupport"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config"], exclude: ["Fixtures"]),
        .testTarget(name: "EconomyTests", dependencies: ["Economy", "Stochastics", "Config", "TestSupport"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Economy", "Config", "Stochastics", "TestSupport"]),
        .testTarget(name: "OutputTests", dependencies: ["Output", "Simulation", "Economy", "Config", "Stochastics", "TestSupport"]),

        .testTarget(name: "BatchTests", dependencies: ["Batch", "Output", "Config", "Stochastics", "TestSupport"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Batch", "Config", "Output", "Stochastics", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
        .testTarget(name: "CalibrationTests", dependencies: ["Calibration", "Config", "TestSupport"]),
    ]
)

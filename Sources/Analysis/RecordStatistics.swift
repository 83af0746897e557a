import Simulation

/// The statistics `analyze` computes for one run (`SeriesStatistics`), from its step records as a run
/// produces them rather than from a sweep's timeseries.csv: calibration's moments are analyze's vocabulary.
public struct RecordStatistics {
    private var series: RunSeries
    private let assets: [String]

    /// `bonds`: the assets with a yield, in the market's order (`StepRecord.yields`).
    public init(assets: [String], bonds: [String]) {
        self.assets = assets
        series = RunSeries(assets: assets.count, bonds: bonds)
    }

    /// Adds one step.
    public mutating func add(_ record: StepRecord) {
        series.steps.append(record.step)
        for a in assets.indices {
            series.prices[a].append(record.prices[a])
            series.logReturns[a].append(record.logReturns[a])
            series.volumes[a].append(record.volumes[a])
            series.forcedVolumes[a].append(record.forcedVolumes[a])
            series.halted[a].append(Double(record.halted[a]))
        }
        series.redemptionsPaid.append(record.redemptionsPaid)
        for b in series.bonds.indices { series.yields[b].append(record.yields[b]) }
        series.creditSpread.append(record.creditSpread)
    }

    /// Every statistic of the steps added, after `settings.burnIn` of them.
    public func statistics(_ settings: AnalysisSettings) -> [Statistic] {
        SeriesStatistics.of(series.dropping(first: settings.burnIn), assets: assets, settings: settings)
    }
}

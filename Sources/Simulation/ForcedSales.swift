/// Units each hedge fund must sell today, per asset (redemptions, margin calls): one array of funds x
/// assets, so that a step's calls are one allocation rather than one per fund.
struct ForcedSales {
    private var units: [Double]
    let assets: Int

    /// No sales for `funds` funds in `assets` assets.
    init(funds: Int, assets: Int) {
        units = Array(repeating: 0, count: funds * assets)
        self.assets = assets
    }

    subscript(fund: Int, asset: Int) -> Double {
        get { units[fund * assets + asset] }
        set { units[fund * assets + asset] = newValue }
    }

    /// Whether fund `fund` must sell anything.
    func isForced(_ fund: Int) -> Bool {
        units[fund * assets..<(fund + 1) * assets].contains { $0 > 0 }
    }

    /// Whether no fund must sell anything.
    var isEmpty: Bool { units.allSatisfy { $0 == 0 } }

    /// Each sale the larger of this one and `other`'s.
    mutating func raise(to other: ForcedSales) {
        for k in units.indices { units[k] = max(units[k], other.units[k]) }
    }
}

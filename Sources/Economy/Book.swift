/// What one agent owns and owes, in quantities: cash, units of each asset, claims by instrument.
///
/// Signs carry the side: positive is owned, negative owed. An issuer holds its own bond as negative
/// units (the units outstanding it owes); the central bank's cash is minus the money it has created.
/// So every movement between books leaves each quantity's sum over all books unchanged, and the
/// stock-flow check is a loop over books (`World+Accounting`). Books change only through the
/// ledger (`World+Ledger`).
public struct Book: Sendable, Equatable {
    public internal(set) var cash: Double
    /// Units held per asset, in the market's order.
    public internal(set) var units: [Double]
    /// Balance per instrument (`Instrument.rawValue`): positive lent, negative borrowed.
    public internal(set) var claims: [Double]

    public init(cash: Double = 0, units: [Double], claims: [Instrument: Double] = [:]) {
        self.cash = cash
        self.units = units
        self.claims = Instrument.allCases.map { claims[$0] ?? 0 }
    }

    /// The balance of `instrument`: positive lent (an asset), negative borrowed (a liability).
    public subscript(_ instrument: Instrument) -> Double {
        get { claims[instrument.rawValue] }
    }

    /// Adds `amount` to one quantity: the ledger's only write. Returns the new balance.
    @discardableResult
    public mutating func add(_ amount: Double, to item: Item) -> Double {
        switch item {
        case .cash: cash += amount; return cash
        case let .units(a): units[a] += amount; return units[a]
        case let .claim(instrument): claims[instrument.rawValue] += amount; return claims[instrument.rawValue]
        }
    }

    /// Makes one quantity `balance`; returns the change.
    public mutating func set(_ item: Item, to balance: Double) -> Double {
        let change = balance - self[item]
        switch item {
        case .cash: cash = balance
        case let .units(a): units[a] = balance
        case let .claim(instrument): claims[instrument.rawValue] = balance
        }
        return change
    }

    /// One quantity of a book.
    public enum Item: Sendable, Hashable {
        case cash
        case units(Int)
        case claim(Instrument)

        /// The derived equality, written out so that the ledger's scans inline it.
        @inlinable @inline(__always)
        public static func == (a: Item, b: Item) -> Bool {
            switch (a, b) {
            case (.cash, .cash): return true
            case let (.units(x), .units(y)): return x == y
            case let (.claim(x), .claim(y)): return x == y
            default: return false
            }
        }
    }

    /// The quantity `item` holds now.
    public subscript(item: Item) -> Double {
        switch item {
        case .cash: return cash
        case let .units(a): return units[a]
        case let .claim(instrument): return claims[instrument.rawValue]
        }
    }
}

/// A claim between two agents with a fixed money value: an asset in the lender's book and the same
/// liability in the borrower's (double entry), so each instrument sums to zero over all books.
public enum Instrument: Int, CaseIterable, Sendable, CustomStringConvertible {
    /// Lent by dealers to hedge funds (margin, or repo for basis funds) and to retail traders.
    case marginLoan
    /// Overnight repo: lent by money funds and the central bank's standing repo to dealers.
    case repo
    /// Money funds' overnight deposits at the central bank.
    case reverseRepo
    /// Capital AI labs have called from sovereign funds' commitments and not yet been paid.
    case capitalCall

    /// The name in reports and CSV columns.
    public var description: String {
        switch self {
        case .marginLoan: return "margin_loan"
        case .repo: return "repo"
        case .reverseRepo: return "reverse_repo"
        case .capitalCall: return "capital_call"
        }
    }
}

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

    /// Adds `amount` to one quantity: the ledger's only write.
    public mutating func add(_ amount: Double, to item: Item) {
        switch item {
        case .cash: cash += amount
        case let .units(a): units[a] += amount
        case let .claim(instrument): claims[instrument.rawValue] += amount
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

import Economy

/// Whose book: an institutional sector and the agent's index in it (retail traders keep columns).
public struct Account: Hashable, Sendable, CustomStringConvertible {
    /// In the order holders are paid (`World.accounts`).
    public enum Sector: String, CaseIterable, Sendable {
        case hedgeFund = "hedge_fund", dealer, hyperscaler, sovereignFund = "sovereign_fund", moneyFund = "money_fund"
        case government, centralBank = "central_bank", realEconomy = "real_economy", aiLab = "ai_lab"
        /// Sectors of one agent, named without an index.
        var isSingle: Bool { [.government, .centralBank, .realEconomy].contains(self) }
    }

    public let sector: Sector
    public let index: Int

    public init(_ sector: Sector, _ index: Int = 0) { (self.sector, self.index) = (sector, index) }

    public static let government = Account(.government), centralBank = Account(.centralBank)
    public static let realEconomy = Account(.realEconomy)
    public static func hedgeFund(_ i: Int) -> Account { Account(.hedgeFund, i) }
    public static func dealer(_ i: Int) -> Account { Account(.dealer, i) }
    public static func moneyFund(_ i: Int) -> Account { Account(.moneyFund, i) }
    public static func hyperscaler(_ i: Int) -> Account { Account(.hyperscaler, i) }
    public static func sovereignFund(_ i: Int) -> Account { Account(.sovereignFund, i) }
    public static func aiLab(_ i: Int) -> Account { Account(.aiLab, i) }

    /// "hedge_fund[2]", "central_bank".
    public var description: String { sector.isSingle ? sector.rawValue : "\(sector.rawValue)[\(index)]" }
}

/// A multilateral journal entry: amounts moved to and from several books in one transaction, which
/// must balance per quantity (the retail columns' side is applied by the population and only recorded).
struct Entry {
    let name: String
    fileprivate var lines: [(account: Account, item: Book.Item, amount: Double, replaces: Bool)] = []
    fileprivate var retail: [(item: Book.Item, amount: Double)] = []

    init(_ name: String) { self.name = name }

    /// `amount` added to `account`'s `item` (negative: taken from it).
    mutating func add(_ amount: Double, _ item: Book.Item, _ account: Account) {
        lines.append((account, item, amount, false))
    }

    /// `account`'s `item` made `balance` (a loan rolled over at a new size, a deposit withdrawn in
    /// full); the change is what the entry moves.
    mutating func set(_ item: Book.Item, to balance: Double, _ account: Account) {
        lines.append((account, item, balance, true))
    }

    /// What the retail population's batch operation added to its columns in total.
    mutating func retail(_ amount: Double, _ item: Book.Item) { retail.append((item, amount)) }
}

/// The ledger: every movement of cash, units or claims between books goes through `transfer` (two
/// books) or `post` (an `Entry`), so nothing is created or lost by a one-sided edit.
extension World {
    /// Moves `amount` of `item` from one book to another.
    mutating func transfer(_ amount: Double, _ item: Book.Item = .cash, from payer: Account, to payee: Account) {
        self[payer].add(-amount, to: item)
        self[payee].add(amount, to: item)
    }

    /// Lends `amount` of cash: the lender's cash becomes a claim on the borrower (negative amounts repay).
    mutating func lend(_ amount: Double, _ instrument: Instrument, from lender: Account, to borrower: Account) {
        self[lender].add(-amount, to: .cash)
        self[lender].add(amount, to: .claim(instrument))
        self[borrower].add(amount, to: .cash)
        self[borrower].add(-amount, to: .claim(instrument))
    }

    /// Applies every line of `entry`; an entry that does not balance (beyond rounding relative to the
    /// economy's size) is recorded for the step's stock-flow check, which names it.
    mutating func post(_ entry: Entry) {
        var sums: [Book.Item: Double] = [:]
        for line in entry.lines {
            let change = line.replaces ? self[line.account].set(line.item, to: line.amount) : line.amount
            if !line.replaces { self[line.account].add(line.amount, to: line.item) }
            sums[line.item, default: 0] += change
        }
        for line in entry.retail { sums[line.item, default: 0] += line.amount }
        for (item, sum) in sums where abs(sum) > ledgerImbalance.size {
            ledgerImbalance = (abs(sum), "\(entry.name) (\(item))")
        }
    }

    /// The book of `account`.
    subscript(account: Account) -> Book {
        get {
            switch account.sector {
            case .hedgeFund: return hedgeFunds[account.index].book
            case .dealer: return dealers[account.index].book
            case .government: return government.book
            case .moneyFund: return moneyFunds[account.index].book
            case .centralBank: return centralBank.book
            case .hyperscaler: return hyperscalers[account.index].book
            case .realEconomy: return realEconomy.book
            case .sovereignFund: return sovereignFunds[account.index].book
            case .aiLab: return aiLabs[account.index].book
            }
        }
        _modify {
            switch account.sector {
            case .hedgeFund: yield &hedgeFunds[account.index].book
            case .dealer: yield &dealers[account.index].book
            case .government: yield &government.book
            case .moneyFund: yield &moneyFunds[account.index].book
            case .centralBank: yield &centralBank.book
            case .hyperscaler: yield &hyperscalers[account.index].book
            case .realEconomy: yield &realEconomy.book
            case .sovereignFund: yield &sovereignFunds[account.index].book
            case .aiLab: yield &aiLabs[account.index].book
            }
        }
    }

    /// Every institutional account, sector by sector in `Account.Sector` order.
    var accounts: [Account] {
        Account.Sector.allCases.flatMap { sector -> [Account] in
            let count: Int
            switch sector {
            case .hedgeFund: count = hedgeFunds.count
            case .dealer: count = dealers.count
            case .moneyFund: count = moneyFunds.count
            case .hyperscaler: count = hyperscalers.count
            case .sovereignFund: count = sovereignFunds.count
            case .aiLab: count = aiLabs.count
            case .government, .centralBank, .realEconomy: count = 1
            }
            return (0..<count).map { Account(sector, $0) }
        }
    }
}

import Economy

/// A multilateral journal entry: amounts moved to and from several books in one transaction, which
/// must balance per quantity (the retail columns' side is applied by the population and only recorded).
struct Entry {
    let name: String
    fileprivate var lines: [(account: AgentID, item: Book.Item, amount: Double, replaces: Bool)] = []
    fileprivate var retail: [(item: Book.Item, amount: Double)] = []

    init(_ name: String) { self.name = name }

    /// `amount` added to `account`'s `item` (negative: taken from it).
    mutating func add(_ amount: Double, _ item: Book.Item, _ account: AgentID) {
        lines.append((account, item, amount, false))
    }

    /// `account`'s `item` made `balance` (a loan rolled over at a new size, a deposit withdrawn in
    /// full); the change is what the entry moves.
    mutating func set(_ item: Book.Item, to balance: Double, _ account: AgentID) {
        lines.append((account, item, balance, true))
    }

    /// What the retail population's batch operation added to its columns in total.
    mutating func retail(_ amount: Double, _ item: Book.Item) { retail.append((item, amount)) }
}

/// The ledger: every movement of cash, units or claims between books goes through `transfer` (two
/// books) or `post` (an `Entry`), so nothing is created or lost by a one-sided edit.
extension World {
    /// Moves `amount` of `item` from one book to another.
    mutating func transfer(_ amount: Double, _ item: Book.Item = .cash, from payer: AgentID, to payee: AgentID) {
        self[payer].add(-amount, to: item)
        self[payee].add(amount, to: item)
    }

    /// Lends `amount` of cash: the lender's cash becomes a claim on the borrower (negative amounts repay).
    mutating func lend(_ amount: Double, _ instrument: Instrument, from lender: AgentID, to borrower: AgentID) {
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
    subscript(account: AgentID) -> Book {
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
            default: return plugins[plugins.firstIndex { $0.id == account.sector }!].books[account.index]
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
            default: yield &plugins[plugins.firstIndex { $0.id == account.sector }!].books[account.index]
            }
        }
    }

    /// Every agent with a book: the built-in sectors in the order holders are paid, then the sectors
    /// added as data in registration order.
    var accounts: [AgentID] {
        let builtIn: [(SectorID, Int)] = [
            (.hedgeFund, hedgeFunds.count), (.dealer, dealers.count), (.hyperscaler, hyperscalers.count),
            (.sovereignFund, sovereignFunds.count), (.moneyFund, moneyFunds.count), (.government, 1), (.centralBank, 1),
            (.realEconomy, 1), (.aiLab, aiLabs.count),
        ]
        return (builtIn + plugins.map { ($0.id, $0.books.count) }).flatMap { sector, count in
            (0..<count).map { AgentID(sector, $0) }
        }
    }
}

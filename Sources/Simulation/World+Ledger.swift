import Economy

/// A multilateral journal entry: amounts moved to and from several books in one transaction, which
/// must balance per quantity (the retail columns' side is applied by the population and only recorded).
struct Entry {
    /// What names an entry in a report: its name, and the agent or market it is about (named after
    /// `name` in a report only, so that no string is built for an entry that balances).
    struct Label {
        let name: String, agent: AgentID?, market: Int?
        static let none = Label(name: "none", agent: nil, market: nil)
    }
    typealias Line = (account: AgentID, item: Book.Item, amount: Double, replaces: Bool)
    typealias RetailLine = (item: Book.Item, amount: Double)

    let label: Label
    fileprivate var lines: [Line] = []
    fileprivate var retail: [RetailLine] = []

    /// `lines`: room for that many lines (one allocation, not one per doubling). `World.openEntry`
    /// gives an entry the storage of the last one posted instead.
    init(_ name: String, of agent: AgentID? = nil, market: Int? = nil, lines: Int = 16) {
        label = Label(name: name, agent: agent, market: market)
        self.lines.reserveCapacity(lines)
    }

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
/// books), `lend` or `post` (an `Entry`), so nothing is created or lost by a one-sided edit. It is the
/// only code that changes a book after step 0 (`World+Setup` endows them), and notes each quantity it writes in
/// `bookPoison`, so that `checkFinite` need not walk the books.
extension World {
    /// Moves `amount` of `item` from one book to another.
    mutating func transfer(_ amount: Double, _ item: Book.Item = .cash, from payer: AgentID, to payee: AgentID) {
        bookPoison += modify(payer) { $0.add(-amount, to: item) } * 0
        bookPoison += modify(payee) { $0.add(amount, to: item) } * 0
    }

    /// Lends `amount` of cash: the lender's cash becomes a claim on the borrower (negative amounts repay).
    mutating func lend(_ amount: Double, _ instrument: Instrument, from lender: AgentID, to borrower: AgentID) {
        bookPoison += modify(lender) { book in
            book.add(-amount, to: .cash) + book.add(amount, to: .claim(instrument))
        } * 0
        bookPoison += modify(borrower) { book in
            book.add(amount, to: .cash) + book.add(-amount, to: .claim(instrument))
        } * 0
    }

    /// A new entry on the storage the last posted entry left (`post` empties and keeps it): no allocation
    /// per entry once the step's largest has been seen.
    mutating func openEntry(_ name: String, of agent: AgentID? = nil, market: Int? = nil, lines: Int = 16) -> Entry {
        var entry = Entry(name, of: agent, market: market, lines: 0)
        swap(&entry.lines, &spareLines.lines)
        swap(&entry.retail, &spareLines.retail)
        entry.lines.reserveCapacity(lines)
        return entry
    }

    /// Applies every line of `entry`, leaving it empty (its storage goes to the next `openEntry`). An
    /// entry that does not balance, beyond rounding relative to the quantity's scale (an asset's units
    /// outstanding, else the economy's size), is recorded for the step's stock-flow check, which names it.
    mutating func post(_ entry: inout Entry) {
        // The lines moved out of the entry, so that their storage is kept for the next (`openEntry`).
        var lines: [Entry.Line] = [], retail: [Entry.RetailLine] = []
        swap(&lines, &entry.lines)
        swap(&retail, &entry.retail)
        let label = entry.label
        var poison = 0.0
        // Each quantity's sum, on the stack, in the order of its first line: its lines' changes in order,
        // then the retail side's. An entry moves a few quantities, so each line finds its quantity by a
        // scan of those seen so far.
        withUnsafeTemporaryAllocation(of: (item: Book.Item, sum: Double).self,
                                      capacity: lines.count + retail.count) { sums in
            var count = 0
            func add(_ change: Double, to item: Book.Item) {
                var q = 0
                while q < count && sums[q].item != item { q += 1 }
                if q == count {
                    sums.initializeElement(at: q, to: (item, change))
                    count += 1
                } else {
                    sums[q].sum += change
                }
            }
            for k in lines.indices {
                let line = lines[k]
                let change = modify(line.account) { book -> Double in
                    if line.replaces {
                        poison += line.amount * 0
                        return book.set(line.item, to: line.amount)
                    }
                    poison += book.add(line.amount, to: line.item) * 0
                    return line.amount
                }
                add(change, to: line.item)
            }
            for line in retail { add(line.amount, to: line.item) }
            for q in 0..<count { noteImbalance(sums[q].sum, of: sums[q].item, in: label) }
        }
        bookPoison += poison
        lines.removeAll(keepingCapacity: true)
        retail.removeAll(keepingCapacity: true)
        spareLines = (lines, retail)
    }

    /// Keeps the step's largest imbalance of one quantity, relative to its scale.
    private mutating func noteImbalance(_ sum: Double, of item: Book.Item, in entry: Entry.Label) {
        let scale: Double
        if case let .units(a) = item { scale = max(outstanding[a], 1) } else { scale = moneyScale }
        if abs(sum) / scale > ledgerImbalance.size {
            ledgerImbalance = (abs(sum) / scale, entry, item)
        }
    }

    /// Calls `body` with every agent's book, lent rather than copied: the built-in sectors in the order
    /// holders are paid, then the sectors added as data in registration order. The one place that orders
    /// them (sums over books follow it, so results depend on it).
    @inline(__always)
    func forEachBook(_ body: (AgentID, borrowing Book) throws -> Void) rethrows {
        try forEachBook(of: .hedgeFund, body)
        try forEachBook(of: .dealer, body)
        try forEachBook(of: .hyperscaler, body)
        try forEachBook(of: .sovereignFund, body)
        try forEachBook(of: .moneyFund, body)
        try forEachBook(of: .government, body)
        try forEachBook(of: .centralBank, body)
        try forEachBook(of: .realEconomy, body)
        try forEachBook(of: .aiLab, body)
        try forEachBook(of: .household, body)
        for s in addedSectors.indices { try forEachBook(ofAdded: s, body) }
    }

    /// Calls `body` with the books of one sector's agents, in index order (as `forEachBook` visits them).
    @inline(__always)
    func forEachBook(of sector: SectorID, _ body: (AgentID, borrowing Book) throws -> Void) rethrows {
        switch sector {
        case .hedgeFund: for i in hedgeFunds.indices { try body(.hedgeFund(i), hedgeFunds[i].book) }
        case .dealer: for i in dealers.indices { try body(.dealer(i), dealers[i].book) }
        case .hyperscaler: for i in hyperscalers.indices { try body(.hyperscaler(i), hyperscalers[i].book) }
        case .sovereignFund: for i in sovereignFunds.indices { try body(.sovereignFund(i), sovereignFunds[i].book) }
        case .moneyFund: for i in moneyFunds.indices { try body(.moneyFund(i), moneyFunds[i].book) }
        case .government: try body(.government, government.book)
        case .centralBank: try body(.centralBank, centralBank.book)
        case .realEconomy: try body(.realEconomy, realEconomy.book)
        case .aiLab: for i in aiLabs.indices { try body(.aiLab(i), aiLabs[i].book) }
        case .household: try body(.household, household.book)
        default: for s in addedSectors.indices where addedSectors[s].id == sector { try forEachBook(ofAdded: s, body) }
        }
    }

    /// The books of added sector `s` (its index in `addedSectors`).
    @inline(__always)
    private func forEachBook(ofAdded s: Int, _ body: (AgentID, borrowing Book) throws -> Void) rethrows {
        let id = addedSectors[s].id, books = addedSectors[s].books
        for i in books.indices { try body(AgentID(id, i), books[i]) }
    }

    /// "clearing crypto (cash)": the entry of the step's largest imbalance.
    var imbalancedEntry: String {
        let (_, label, item) = ledgerImbalance
        return [label.name, label.agent?.description, label.market.map { rules.market.assets[$0].name }]
            .compactMap { $0 }.joined(separator: " ") + " (\(item))"
    }

    /// The book of `account` (an agent with a book: not the retail order books), lent rather than copied.
    subscript(account: AgentID) -> Book {
        _read {
            switch account.sector {
            case .hedgeFund: yield hedgeFunds[account.index].book
            case .dealer: yield dealers[account.index].book
            case .government: yield government.book
            case .moneyFund: yield moneyFunds[account.index].book
            case .centralBank: yield centralBank.book
            case .hyperscaler: yield hyperscalers[account.index].book
            case .realEconomy: yield realEconomy.book
            case .sovereignFund: yield sovereignFunds[account.index].book
            case .aiLab: yield aiLabs[account.index].book
            case .household: yield household.book
            default: yield addedSectors[addedSector(account)].books[account.index]
            }
        }
    }

    /// Calls `body` with the book of `account` to change: the one place that finds a book.
    @discardableResult
    mutating func modify<T>(_ account: AgentID, _ body: (inout Book) -> T) -> T {
        switch account.sector {
        case .hedgeFund: return body(&hedgeFunds[account.index].book)
        case .dealer: return body(&dealers[account.index].book)
        case .government: return body(&government.book)
        case .moneyFund: return body(&moneyFunds[account.index].book)
        case .centralBank: return body(&centralBank.book)
        case .hyperscaler: return body(&hyperscalers[account.index].book)
        case .realEconomy: return body(&realEconomy.book)
        case .sovereignFund: return body(&sovereignFunds[account.index].book)
        case .aiLab: return body(&aiLabs[account.index].book)
        case .household: return body(&household.book)
        default: return addedSectors[addedSector(account)].modify(account.index, body)
        }
    }

    private func addedSector(_ account: AgentID) -> Int {
        guard let s = addedSectors.firstIndex(where: { $0.id == account.sector }) else {
            preconditionFailure("\(account) has no book")
        }
        return s
    }
    /// Every agent with a book, in `forEachBook`'s order.
    var accounts: [AgentID] {
        var list: [AgentID] = []
        forEachBook { account, _ in list.append(account) }
        return list
    }
}

extension AgentID {
    /// The book a participant's fills settle into (nil for the retail population's columns).
    var account: AgentID? { sector == .retail ? nil : self }
}

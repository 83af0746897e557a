import Economy

/// The dealer banks as a group: they make markets, fund margin loans to hedge funds (each its broker's)
/// and, in equal shares, the exchange's retail margin book, and hold the long side of basis funds'
/// futures in equal shares. Their repo funding is the funding market's (`World+Funding`).
extension World {
    /// Phase 6: each dealer's inventory-averse liquidity in market `a`, around the morning's price,
    /// within its capital at today's haircuts, with its equal share of `auctioned` units to bid for. Each
    /// market's budget of free capital is its share of the dealers' depth, in value.
    func dealerCurves(asset a: Int, reference: Double, auctioned: Double) -> [DemandCurve] {
        let n = Double(dealers.count), depth = dealerDepth(a) / n
        let total = prices.indices.reduce(0) { $0 + dealerDepth($1) * prices[$1] }
        let budget = total > 0 ? dealerDepth(a) * prices[a] / total : 1 / Double(prices.count)
        let bid = rules.dealer.auctionShare * auctioned / n
        return dealers.enumerated().map { i, dealer in
            DemandCurve(.dealer(i), dealer.demand(asset: a, reference: reference, depthUnits: depth, prices: prices,
                                                  haircuts: haircuts, budget: budget, auction: bid, rules: rules.dealer))
        }
    }

    /// Units all dealers buy per log point market `a` falls: `depth` (`primary_depth` in the government's
    /// bond) times its step-0 supply.
    func dealerDepth(_ a: Int) -> Double {
        (a == governmentBond ? rules.dealer.primaryDepth : rules.dealer.depth) * rules.market.assets[a].supply
    }

    /// The dealers' equity, all together, at the current prices.
    var dealerEquity: Double { dealers.reduce(0) { $0 + $1.equity(prices) } }

    /// The capital the dealers' inventories tie up at today's haircuts ($bn): beyond their equity,
    /// they sell down.
    var dealerCapitalUsed: Double { dealers.reduce(0) { $0 + $1.capitalUsed(prices, haircuts: haircuts) } }

    /// Further value of asset `a` the dealers together could finance at today's haircut ($bn).
    func dealerCapacity(asset a: Int) -> Double {
        dealers.reduce(0) { $0 + $1.capacity(asset: a, prices: prices, haircuts: haircuts) }
    }

    /// Phase 5: each fund's credit line, the total loan its broker will carry for it. A basis fund's
    /// broker refinances it in repo, so only the haircut limits it: `(1/h - 1)` times its equity on
    /// its collateral. Other funds share a lending share of their broker's cash and loans.
    func creditLines() -> [Double] {
        var clients = Array(repeating: 0, count: dealers.count)
        for i in hedgeFunds.indices where hedgeFunds[i].strategy != .basis { clients[hedgeFunds[i].broker] += 1 }
        return hedgeFunds.indices.map { i in
            if hedgeFunds[i].strategy == .basis {
                let h = hedgeFunds[i].assets.map { haircuts[$0] }.max() ?? 1
                return max(hedgeFunds[i].equity(prices), 0) * (1 / max(h, 1e-9) - 1)
            }
            let broker = dealers[hedgeFunds[i].broker]
            let pool = rules.dealer.lendingShare * max(broker.cash + broker.marginLoans, 0)
            return pool / Double(clients[hedgeFunds[i].broker])
        }
    }

    /// What the dealers will lend in all: their lending share of their cash and loans.
    var dealerLendingCapacity: Double {
        rules.dealer.lendingShare * dealers.reduce(0) { $0 + max($1.cash + $1.marginLoans, 0) }
    }

    /// Phase 5: the exchange's unused lending capacity for retail: the dealers' lending capacity less
    /// every margin loan already outstanding, and at most what is left of the exchanges' `credit_limit`.
    func retailCredit() -> Double {
        let loans = dealers.reduce(0) { $0 + $1.marginLoans }, retailLoans = loans - hedgeFunds.reduce(0) { $0 + $1.loan }
        return min(max(dealerLendingCapacity - loans, 0), max(rules.retail.creditLimit - retailLoans, 0))
    }

    /// The exchange's retail margin book is funded by the dealers in equal shares: new borrowing
    /// leaves their cash for traders' cash, and write-offs cut their loan assets (a loss, not a flow).
    mutating func fundRetailLoans(_ borrowed: Double, writtenOff: Double) {
        let share = 1 / Double(dealers.count)
        var entry = openEntry("retail margin loans")
        entry.retail(borrowed, .cash)
        entry.retail(-(borrowed - writtenOff), .claim(.marginLoan))
        for d in dealers.indices {
            entry.add(-borrowed * share, .cash, .dealer(d))
            entry.add((borrowed - writtenOff) * share, .claim(.marginLoan), .dealer(d))
        }
        post(&entry)
    }

    /// Phase 3: retail margin interest reaches the dealers in equal shares: `paid` in cash, and
    /// `capitalised` (what traders short of cash add to their loans) as loan assets.
    mutating func receiveRetailInterest(_ paid: Double, capitalised: Double) {
        let share = 1 / Double(dealers.count)
        var entry = openEntry("retail margin interest")
        entry.retail(-paid, .cash)
        entry.retail(-capitalised, .claim(.marginLoan))
        for d in dealers.indices {
            entry.add(paid * share, .cash, .dealer(d))
            entry.add(capitalised * share, .claim(.marginLoan), .dealer(d))
        }
        post(&entry)
    }

    /// Phase 7: hedge fund `i` receives `variation` on its short futures (pays when negative) from the
    /// dealers, who hold the long side in equal shares.
    mutating func payFuturesVariation(_ variation: Double, to i: Int) {
        var entry = openEntry("futures variation")
        entry.add(variation, .cash, .hedgeFund(i))
        for d in dealers.indices { entry.add(-variation / Double(dealers.count), .cash, .dealer(d)) }
        post(&entry)
    }

    /// Margin loans outstanding over what the dealers will lend in all.
    var dealerCapacityUsed: Double {
        let capacity = dealerLendingCapacity
        return capacity > 0 ? dealers.reduce(0) { $0 + $1.marginLoans } / capacity : 0
    }
}

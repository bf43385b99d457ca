import Foundation

/// xoshiro256** seeded through SplitMix64: a fast generator whose streams are fixed by a seed
/// and stream numbers, so every draw is reproducible whatever the number of threads.
struct SeededGenerator: RandomNumberGenerator {
    private var s0, s1, s2, s3: UInt64

    /// The generator of one stream of a seed; streams are mixed so that neighbours share nothing.
    init(seed: UInt64, streams: UInt64...) {
        var mix = seed
        for stream in streams { mix = Self.splitMix(&mix) ^ stream }
        s0 = Self.splitMix(&mix)
        s1 = Self.splitMix(&mix)
        s2 = Self.splitMix(&mix)
        s3 = Self.splitMix(&mix)
    }

    mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    /// A number in [0, 1) with 53 random bits.
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A standard normal number (Marsaglia's polar method).
    mutating func normal() -> Double {
        while true {
            let u = 2 * uniform() - 1, v = 2 * uniform() - 1, s = u * u + v * v
            if s > 0, s < 1 { return u * (-2 * log(s) / s).squareRoot() }
        }
    }

    /// A Gamma(shape, 1) number (Marsaglia and Tsang; shape < 1 boosted by U^(1/shape)).
    mutating func gamma(shape: Double) -> Double {
        if shape < 1 {
            return gamma(shape: shape + 1) * pow(uniform().nextUp, 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// Weights drawn from a Dirichlet distribution centred on `shares` (which sum to 1), with
    /// concentration `alpha`: each share's variance is share · (1 − share) / (alpha + 1).
    mutating func dirichlet(centredOn shares: [Double], concentration alpha: Double) -> [Double] {
        let draws = shares.map { gamma(shape: alpha * $0) }
        let total = draws.reduce(0, +)
        return draws.map { $0 / total }
    }

    /// A stable stream number for a text (FNV-1a), so an EPCI's draws follow its SIREN, not its row.
    static func stream(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

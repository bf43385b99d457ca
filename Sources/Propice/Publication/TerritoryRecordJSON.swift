import PropiceGeometry

/// A territory record's file (`territoires/SIREN.json`), written as `ProjectBuild.json` writes
/// any published value (JSONEncoder, keys sorted, pretty-printed), byte for byte, but straight
/// into bytes: a build writes one per EPCI. Each type's members are written here in the order
/// of their keys (its `CodingKeys`' values), optional ones left out when nil.
extension TerritoryRecord {
    /// The record's file: its JSON and a final line feed.
    func json() throws -> [UInt8] {
        var json = PrettyJSON(capacity: 4096 + 2048 * results.count)
        try json.object { json in
            json.member("code_epci", code)
            json.key("departements")
            json.array(departements) { json, code in json.string(code.value) }
            json.member("fictif", fictional)
            json.key("indicateurs_synthetiques")
            json.array(syntheticIndicators) { json, id in json.string(id) }
            json.member("nature_epci", nature)
            json.member("nom_epci", name)
            json.key("objectifs")
            try json.array(targets) { json, target in try target.write(to: &json) }
            try json.member("population", population)
            json.key("resultats")
            try json.array(results) { json, result in try result.write(to: &json) }
        }
        return json.bytes + [UInt8(ascii: "\n")]
    }
}

extension ModelResult {
    fileprivate func write(to json: inout PrettyJSON) throws {
        try json.object { json in
            json.member("classe", classe)
            json.member("classe_libelle", classLabel)
            try json.member("completude", completeness)
            json.member("criteres_respectes", meetsConstraints)
            json.member("explication", sentence)
            json.key("indicateurs")
            try json.array(indicators) { json, indicator in try indicator.write(to: &json) }
            json.member("modele", model)
            json.member("motif", reason)
            try json.member("part_synthetique", syntheticShare)
            try json.member("percentile", percentile)
            json.member("programme", programme)
            json.member("rang", rank)
            try json.member("score", score)
            if let sensitivity {
                json.key("sensibilite")
                try sensitivity.write(to: &json)
            }
            json.member("statut", status.rawValue)
            json.member("sur", scored)
        }
    }
}

extension IndicatorContribution {
    fileprivate func write(to json: inout PrettyJSON) throws {
        try json.object { json in
            try json.member("borne_basse", lower)
            try json.member("borne_haute", upper)
            try json.member("completude", completeness)
            json.member("decimales", decimals)
            json.member("estime", estimated)
            json.member("id", id)
            json.member("libelle", label)
            try json.member("normalise", normalised)
            try json.member("poids", weight)
            try json.member("poids_applique", appliedWeight)
            try json.member("points", points)
            json.member("synthetique", synthetic)
            json.member("unite", unit)
            try json.member("valeur", value)
        }
    }
}

extension RankSensitivity {
    fileprivate func write(to json: inout PrettyJSON) throws {
        try json.object { json in
            try json.member("proba_classe_1", topClassProbability)
            json.member("rang_median", medianRank)
            json.member("rang_p05", rankLow)
            json.member("rang_p95", rankHigh)
            json.member("tirages", draws)
        }
    }
}

extension TargetShare {
    fileprivate func write(to json: inout PrettyJSON) throws {
        try json.object { json in
            try json.member("besoin", need)
            json.member("besoin_indicateur", needIndicator)
            try json.member("cle", key)
            json.member("departement", departement.value)
            json.member("libelle", label)
            json.member("methode", method)
            json.member("motif", reason)
            json.member("objectifs", milestones)
            try json.member("part_cle", keyShare)
            json.member("plafond", upper)
            json.member("plancher", lower)
            json.member("programme", programme)
            json.member("realise", realised)
            json.member("unite", unit)
        }
    }
}

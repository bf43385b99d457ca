import PropiceGeometry

extension ModelLibrary {
    /// A model's figures for the EPCI aggregated, checked: an indicator with no figure in
    /// any EPCI, or one that overflows, is an error naming the model's file.
    public func figures(of model: ScoringModel, indicators: EPCIIndicators, catalogue: SourceCatalogue) throws -> ModelFigures {
        let figures = ModelFigures(model: model, indicators: indicators, catalogue: catalogue)
        try figures.requireFigures(file: files[model.id] ?? model.id)
        return figures
    }
}

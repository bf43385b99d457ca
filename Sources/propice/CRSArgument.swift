import ArgumentParser
import PropiceGeometry

/// A CRS given on the command line: `EPSG:2154`, `urn:ogc:def:crs:EPSG::2154` or a bare `2154`.
struct CRSArgument: ExpressibleByArgument {
    let crs: CRS

    init?(argument: String) {
        if let code = Int(argument), code > 0 {
            crs = CRS(epsg: code)
        } else if let crs = CRS(name: argument) {
            self.crs = crs
        } else {
            return nil
        }
    }
}

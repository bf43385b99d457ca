import Testing
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Test("../shared/geodata is present under CI")
func geodataPresentUnderCI() {
    if Geodata.isUnderCI {
        #expect(access(Geodata.folder + "/README.md", R_OK) == 0, "CI runs with ../shared beside the checkout")
    }
}

import Foundation
@testable import Pyplot
import XCTest

/// PNGs written through libpng decode back (libpng's reader) to the same pixels.
final class PNGEncoderTests: XCTestCase {
    func testRGBRoundTrip() throws {
        let width = 5, height = 3
        let pixels = (0..<(width * height * 3)).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
        let png = PNGEncoder.encode(width: width, height: height, channels: 3, pixels: pixels)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let decoded = try XCTUnwrap(PNGEncoder.decode(png, channels: 3))
        XCTAssertEqual(decoded.width, width)
        XCTAssertEqual(decoded.height, height)
        XCTAssertEqual(decoded.pixels, pixels)
    }

    func testGrayRoundTrip() throws {
        let pixels: [UInt8] = [0, 64, 128, 255, 1, 2]
        let decoded = try XCTUnwrap(PNGEncoder.decode(PNGEncoder.encode(width: 3, height: 2, channels: 1, pixels: pixels), channels: 1))
        XCTAssertEqual(decoded.pixels, pixels)
    }

    func testAnImageGridScalesByWholePixels() throws {
        let image = PlotFigure.Image(width: 2, height: 1, rgb: [255, 0, 0, 0, 0, 255])
        let decoded = try XCTUnwrap(PNGEncoder.decode(image.png(minimumSide: 8), channels: 3))
        XCTAssertEqual([decoded.width, decoded.height], [8, 4])
        XCTAssertEqual(Array(decoded.pixels[0..<3]), [255, 0, 0])
        XCTAssertEqual(Array(decoded.pixels[(7 * 3)..<(8 * 3)]), [0, 0, 255])
    }

    func testRefusedImagesAreEmptyNotACrash() {
        XCTAssertTrue(PNGEncoder.encode(width: 2, height: 2, channels: 3, pixels: [1, 2, 3]).isEmpty)
        XCTAssertTrue(PNGEncoder.encode(width: 0, height: 2, channels: 1, pixels: []).isEmpty)
        XCTAssertTrue(PNGEncoder.encode(width: Int.max, height: 2, channels: 3, pixels: []).isEmpty)
        XCTAssertNil(PNGEncoder.decode(Data([0x89, 0x50, 0x4E, 0x47]), channels: 3))
    }
}

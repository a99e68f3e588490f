/// A JUnit XML report for CI systems: one test suite per lesson, one test case per code cell.
public enum JUnitReport {
    public static func xml(_ results: [LessonCheckResult]) -> String {
        var suites: [String] = []
        var totalTests = 0, totalFailures = 0, totalErrors = 0, totalSkipped = 0
        for result in results {
            var cases: [String] = []
            var failures = 0, errors = 0, skipped = 0
            if let error = result.error {
                errors += 1
                cases.append("    <testcase classname=\"\(escape(result.path))\" name=\"lesson\">\n      <error message=\"\(escape(error))\"/>\n    </testcase>")
            }
            for cell in result.cells {
                let name = CheckReport.isNotebook(result.path) ? "cell \(cell.number)" : "cell \(cell.number) (line \(cell.fileLine))"
                var body = ""
                for verdict in cell.verdicts {
                    switch verdict {
                    case .reproduced: break
                    case .skipped(let why): body += "      <skipped message=\"\(escape(why))\"/>\n"
                    case .raised(let error): body += "      <error message=\"raised \(escape(error))\"/>\n"
                    case .didNotRaise: body += "      <failure message=\"\(CheckReport.didNotRaise)\"/>\n"
                    case .undocumented(let stream, let text):
                        if result.strict {
                            body += "      <failure message=\"undocumented \(stream.rawValue)\">\(escape(text))</failure>\n"
                        } else {
                            body += "      <system-out>\(escape(text))</system-out>\n"
                        }
                    case .differs(let differences):
                        for difference in differences {
                            let text = CheckReport.describe(difference, place: "\(CheckReport.location(result.path, difference.fileLine)): cell \(cell.number)", path: result.path)
                            body += "      <failure message=\"\(escape(difference.stream.rawValue)) differs\">\(escape(text))</failure>\n"
                        }
                    }
                }
                if body.contains("<error") { errors += 1 } else if body.contains("<failure") { failures += 1 } else if body.contains("<skipped") { skipped += 1 }
                cases.append("    <testcase classname=\"\(escape(result.path))\" name=\"\(escape(name))\"" + (body.isEmpty ? "/>" : ">\n\(body)    </testcase>"))
            }
            let tests = cases.count
            totalTests += tests; totalFailures += failures; totalErrors += errors; totalSkipped += skipped
            suites.append("  <testsuite name=\"\(escape(result.path))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\">\n"
                          + cases.map { $0 + "\n" }.joined() + "  </testsuite>")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"lesson check\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"\(totalErrors)\" skipped=\"\(totalSkipped)\">\n"
            + suites.map { $0 + "\n" }.joined() + "</testsuites>\n"
    }

    /// XML-escapes text for attributes and element content; drops characters XML 1.0 forbids.
    public static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += "&#10;"
            case "\t", "\r": result += "&#\(scalar.value);"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

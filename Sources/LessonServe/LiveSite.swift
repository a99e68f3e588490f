import Foundation
import LessonKit

/// The lessons `lesson serve` previews: one file, or every lesson of a folder as a site
/// (contents sidebar, previous/next, search). Each lesson runs on the one run queue, a
/// save at a time; a save while a cell runs stops that cell and runs the lesson again.
final class LiveSite: @unchecked Sendable {
    struct Lesson {
        let path: String
        /// The page's file in the site (`NAME.html`), which is also its channel.
        let file: String
        let preview: LivePreview
    }

    let options: ServeOptions
    let broadcaster: Broadcaster
    let isFolder: Bool
    private(set) var lessons: [Lesson] = []
    private let queue = DispatchQueue(label: "lesson.serve.run")
    private let lock = NSLock()
    private var queued: Set<String> = []
    private var running = false
    private var watcher: FileWatcher?
    /// Each lesson's line in the index, as of its last run.
    private var entries: [String: CourseSite.Entry] = [:]
    /// New lesson files already reported (the site's lessons are those found at start).
    private var noted: Set<String> = []

    init(options: ServeOptions, broadcaster: Broadcaster) throws {
        self.options = options
        self.broadcaster = broadcaster
        var isDirectory: ObjCBool = false
        // A folder is a site; anything else is a lesson, found as `lesson html` finds one (a bare name in Lessons/).
        isFolder = FileManager.default.fileExists(atPath: options.path, isDirectory: &isDirectory) && isDirectory.boolValue
        let paths = isFolder ? try CourseSite.lessonFiles(in: options.path) : [try LessonLoader.resolve(options.path)]
        guard !paths.isEmpty else { throw LessonError(path: options.path, message: "no lessons (.md or .ipynb) in this folder") }
        // Names and titles for the sidebar, from the lessons as they load now.
        let loaded = paths.map { try? LessonLoader.load($0) }
        var navigation = CourseSite.pages(loaded.compactMap { $0 })
        if navigation.count != paths.count {
            navigation = paths.map { SiteNavigation.Page(file: (($0 as NSString).lastPathComponent as NSString).deletingPathExtension + ".html",
                                                          title: ($0 as NSString).lastPathComponent, text: "") }
        }
        for (index, path) in paths.enumerated() {
            var html = HTMLOptions(unsafeHTML: options.unsafeHTML)
            html.live = .preview
            if isFolder {
                html.indexHref = "index.html"
                html.site = SiteNavigation(pages: navigation, current: index)
            }
            let file = navigation[index].file
            let preview = LivePreview(path: path, cacheFolder: options.cacheFolder, options: html, runs: !options.noRun,
                                      report: { FileHandle.standardError.write(Data(TerminalSafe.line($0).utf8)) }) { [broadcaster] event in
                broadcaster.publish(event, on: file)
            }
            lessons.append(Lesson(path: path, file: file, preview: preview))
        }
    }

    /// The channel a page's path listens to.
    func channel(forPage path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        if !isFolder { return lessons.first?.file }
        return lessons.first { $0.file == name }?.file
    }

    func start() {
        for lesson in lessons { schedule(lesson, inputs: []) }
        let folders = Set(lessons.map { ($0.path as NSString).deletingLastPathComponent })
        let watcher = FileWatcher(files: { [lessons] in
            lessons.map(\.path) + folders.flatMap { FileWatcher.filesOf(folder: $0) }
        }, interval: options.pollInterval) { [weak self] changed in self?.filesChanged(changed) }
        watcher.start()
        lock.lock(); self.watcher = watcher; lock.unlock()
    }

    func filesChanged(_ changed: [String]) {
        lock.lock(); let busy = running; lock.unlock()
        if isFolder {
            let known = Set(lessons.map(\.path))
            for path in changed where !known.contains(path) && !noted.contains(path) && FileManager.default.fileExists(atPath: path)
                && (path.hasSuffix(".md") || path.hasSuffix(".ipynb")) && (path as NSString).lastPathComponent.lowercased() != "readme.md" {
                noted.insert(path)
                FileHandle.standardError.write(Data(TerminalSafe.line("lesson serve: \(path) is new; restart the server to add it to the site\n").utf8))
            }
        }
        for lesson in lessons {
            let folder = (lesson.path as NSString).deletingLastPathComponent
            if changed.contains(lesson.path) {
                lesson.preview.cancelRunning()
                schedule(lesson, inputs: [])
            } else if !busy {
                // Files a run writes (saved weights) are not inputs that changed: ignored while one runs.
                let inputs = changed.filter { ($0 as NSString).deletingLastPathComponent == folder && !lessons.map(\.path).contains($0) }
                if !inputs.isEmpty { schedule(lesson, inputs: inputs) }
            }
        }
    }

    /// Queues a refresh of `lesson` unless one is already waiting.
    func schedule(_ lesson: Lesson, inputs: [String]) {
        lock.lock()
        let fresh = queued.insert(lesson.file).inserted
        lock.unlock()
        guard fresh else { return }
        queue.async { [self] in
            lock.lock(); queued.remove(lesson.file); running = true; lock.unlock()
            lesson.preview.refresh(changedInputs: inputs)
            let entry = lesson.preview.entry(file: lesson.file)
            lock.lock(); running = false; entries[lesson.file] = entry; lock.unlock()
            let folder = (lesson.path as NSString).deletingLastPathComponent
            lock.lock(); let watcher = self.watcher; lock.unlock()
            watcher?.rebaseline(FileWatcher.filesOf(folder: folder).filter { $0 != lesson.path })
        }
    }

    /// The site's index page (a folder only).
    func indexPage() -> String {
        lock.lock(); let known = entries; lock.unlock()
        return CourseSite.index(lessons.map {
            known[$0.file] ?? CourseSite.Entry(file: $0.file, title: ($0.path as NSString).lastPathComponent, steps: [], finalMetric: nil)
        })
    }
}

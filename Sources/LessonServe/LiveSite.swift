import Foundation
import LessonKit

/// The lessons `lesson serve` previews: one file, or every lesson of a folder as a site
/// (contents sidebar, previous/next, search). Each lesson runs on the one run queue, a
/// save at a time; a save while a cell runs stops that cell and runs the lesson again.
/// A lesson file added to the folder joins the site when the watcher sees it or when the
/// index is asked for (a rescan at most every `rescanInterval`, at most `maxLessons` lessons).
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
    /// The lessons, in the order they joined (those found at start sorted by name); guarded by `lock`.
    private var lessonList: [Lesson] = []
    var lessons: [Lesson] { lock.lock(); defer { lock.unlock() }; return lessonList }
    static let maxLessons = 500
    let rescanInterval: Double
    private var lastRescan = 0.0
    /// The sidebar and search of the site, a page per lesson in `lessonList`'s order; guarded by `lock`.
    private var navigation: [SiteNavigation.Page] = []
    private let queue = DispatchQueue(label: "lesson.serve.run")
    private let lock = NSLock()
    private var queued: Set<String> = []
    private var running = false
    private var watcher: FileWatcher?
    /// Each lesson's line in the index, as of its last run.
    private var entries: [String: CourseSite.Entry] = [:]
    /// Lesson files past `maxLessons`, already reported.
    private var noted: Set<String> = []

    init(options: ServeOptions, broadcaster: Broadcaster, rescanInterval: Double = 0.5) throws {
        self.options = options
        self.broadcaster = broadcaster
        self.rescanInterval = rescanInterval
        var isDirectory: ObjCBool = false
        // A folder is a site; anything else is a lesson, found as `lesson html` finds one (a bare name in Lessons/).
        isFolder = FileManager.default.fileExists(atPath: options.path, isDirectory: &isDirectory) && isDirectory.boolValue
        let paths = isFolder ? Array(try CourseSite.lessonFiles(in: options.path).prefix(Self.maxLessons)) : [try LessonLoader.resolve(options.path)]
        guard !paths.isEmpty else { throw LessonError(path: options.path, message: "no lessons (.md or .ipynb) in this folder") }
        // Names and titles for the sidebar, from the lessons as they load now.
        let loaded = paths.map { try? LessonLoader.load($0) }
        var navigation = CourseSite.pages(loaded.compactMap { $0 })
        if navigation.count != paths.count {
            navigation = paths.map { SiteNavigation.Page(file: (($0 as NSString).lastPathComponent as NSString).deletingPathExtension + ".html",
                                                          title: ($0 as NSString).lastPathComponent, text: "") }
        }
        self.navigation = navigation
        for (index, path) in paths.enumerated() { lessonList.append(makeLesson(path: path, navigation: navigation, index: index)) }
    }

    private func makeLesson(path: String, navigation: [SiteNavigation.Page], index: Int) -> Lesson {
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
        return Lesson(path: path, file: file, preview: preview)
    }

    /// The folder as the site's paths name it (`CourseSite.lessonFiles` joins names to it).
    var siteFolder: String { ((options.path as NSString).appendingPathComponent("x") as NSString).deletingLastPathComponent }

    /// Adds the lesson files of the folder the site does not have yet (a folder only), and
    /// runs them; returns how many joined. At most every `rescanInterval` unless `force`.
    @discardableResult
    func rescan(force: Bool = false) -> Int {
        guard isFolder else { return 0 }
        let now = ProcessInfo.processInfo.systemUptime
        lock.lock()
        guard force || now - lastRescan >= rescanInterval else { lock.unlock(); return 0 }
        lastRescan = now
        lock.unlock()
        return add(paths: (try? CourseSite.lessonFiles(in: options.path)) ?? [])
    }

    /// Makes a lesson of each path the site does not have (up to `maxLessons`), gives the
    /// pages already there the new sidebar, and schedules the new lessons' runs.
    private func add(paths: [String]) -> Int {
        lock.lock()
        let known = Set(lessonList.map(\.path))
        let room = max(0, Self.maxLessons - lessonList.count)
        lock.unlock()
        let fresh = paths.filter { !known.contains($0) }
        for path in fresh.dropFirst(room) where lockedInsertNoted(path) {
            FileHandle.standardError.write(Data(TerminalSafe.line("lesson serve: \(path) is not added: a site serves at most \(Self.maxLessons) lessons\n").utf8))
        }
        // Read outside the lock: the routes wait on it.
        let loaded = fresh.prefix(room).map { path in (path, try? LessonLoader.load(path)) }
        var added: [Lesson] = []
        lock.lock()
        let before = lessonList
        var files = Set(lessonList.map(\.file))
        for (path, lesson) in loaded where !lessonList.contains(where: { $0.path == path }) && lessonList.count < Self.maxLessons {
            let name = Self.pageName(path, taken: files)
            let title = lesson.flatMap { CourseSite.pages([$0]).first?.title } ?? (path as NSString).lastPathComponent
            let text = lesson.flatMap { CourseSite.pages([$0]).first?.text } ?? ""
            navigation.append(SiteNavigation.Page(file: name, title: title, text: text))
            let made = makeLesson(path: path, navigation: navigation, index: navigation.count - 1)
            lessonList.append(made)
            added.append(made)
            files.insert(name)
        }
        let pages = navigation
        lock.unlock()
        guard !added.isEmpty else { return 0 }
        // The pages already there get the new sidebar and search, drawn again on the run queue.
        for (index, lesson) in before.enumerated() {
            queue.async { lesson.preview.useSite(SiteNavigation(pages: pages, current: index)) }
        }
        for lesson in added {
            FileHandle.standardError.write(Data(TerminalSafe.line("lesson serve: added \(lesson.path) as /\(lesson.file)\n").utf8))
            schedule(lesson, inputs: [])
        }
        return added.count
    }

    private func lockedInsertNoted(_ path: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return noted.insert(path).inserted
    }

    /// `NAME.html` for a lesson file, as `CourseSite.pages` names them: `a.ipynb` beside `a.md`
    /// becomes `a-ipynb.html`, and `index` is the index's.
    static func pageName(_ path: String, taken: Set<String>) -> String {
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let used = Set(taken.map { String($0.dropLast(".html".count)) }).union(["index"])
        var name = base
        if used.contains(name) { name = base + "-" + (path as NSString).pathExtension }
        var n = 2
        while used.contains(name) { name = base + "-\(n)"; n += 1 }
        return name + ".html"
    }

    /// The channel a page's path listens to.
    func channel(forPage path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        if !isFolder { return lessons.first?.file }
        if let file = lessons.first(where: { $0.file == name })?.file { return file }
        // A page of a lesson added since: look once more (bounded by the rescan interval).
        guard name.hasSuffix(".html"), rescan() > 0 else { return nil }
        return lessons.first { $0.file == name }?.file
    }

    func start() {
        for lesson in lessons { schedule(lesson, inputs: []) }
        let folders = Set(lessons.map { ($0.path as NSString).deletingLastPathComponent })
        let watcher = FileWatcher(files: { [weak self] in
            (self?.lessons.map(\.path) ?? []) + folders.flatMap { FileWatcher.filesOf(folder: $0) }
        }, interval: options.pollInterval) { [weak self] changed in self?.filesChanged(changed) }
        watcher.start()
        lock.lock(); self.watcher = watcher; lock.unlock()
    }

    func filesChanged(_ changed: [String]) {
        lock.lock(); let busy = running; lock.unlock()
        let lessons = self.lessons
        if isFolder {
            let known = Set(lessons.map(\.path))
            let new = changed.filter { path in
                !known.contains(path) && FileManager.default.fileExists(atPath: path) && (path.hasSuffix(".md") || path.hasSuffix(".ipynb"))
                    && (path as NSString).lastPathComponent.lowercased() != "readme.md"
                    && (path as NSString).deletingLastPathComponent == siteFolder
            }
            if !new.isEmpty { add(paths: new) }
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
        rescan()
        let lessons = self.lessons
        lock.lock(); let known = entries; lock.unlock()
        return CourseSite.index(lessons.map {
            known[$0.file] ?? CourseSite.Entry(file: $0.file, title: ($0.path as NSString).lastPathComponent, steps: [], finalMetric: nil)
        })
    }
}

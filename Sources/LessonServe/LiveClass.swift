import Foundation
import LessonKit

/// `lesson serve --class`: the classroom on the run queue. Control actions are queued in
/// order; followers hear the pages on channel `class`, the teacher's page is kept on
/// `class-teacher` (it alone carries the token).
final class LiveClass: @unchecked Sendable {
    static let channel = "class", teacherChannel = "class-teacher"
    let classroom: Classroom
    let token: String
    private let queue = DispatchQueue(label: "lesson.serve.class")
    private let lock = NSLock()
    private var waiting = 0
    /// Actions queued at most (a teacher clicking fast does not pile up a lesson's worth).
    static let maxWaiting = 8

    init(options: ServeOptions, broadcaster: Broadcaster) throws {
        let token = try ClassToken.make()
        self.token = token
        var html = HTMLOptions(unsafeHTML: options.unsafeHTML)
        html.live = .follower
        classroom = try Classroom(path: try LessonLoader.resolve(options.path), cacheFolder: options.cacheFolder, options: html, token: token,
                                  publish: { event, teacherPage in
                                      if let teacherPage { broadcaster.store(page: teacherPage, on: LiveClass.teacherChannel) }
                                      broadcaster.publish(event, on: LiveClass.channel)
                                  }, cursorChanged: { broadcaster.publish(cursor: $0, on: LiveClass.channel) })
        queue.sync {
            classroom.sendPage()
            broadcaster.publish(cursor: classroom.cursor, on: LiveClass.channel)
        }
    }

    /// Queues an action; returns why it cannot be, if it cannot.
    func submit(_ action: Classroom.Action) -> String? {
        lock.lock()
        guard waiting < Self.maxWaiting else { lock.unlock(); return "too many actions are waiting; try again when the cell is done" }
        waiting += 1
        lock.unlock()
        queue.async { [self] in
            classroom.perform(action)
            lock.lock(); waiting -= 1; lock.unlock()
        }
        return nil
    }
}

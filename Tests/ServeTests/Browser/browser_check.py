#!/usr/bin/env python3
"""Drives Debian's chromium (headless, through chromium-driver and Selenium) against a running
`lesson serve` and prints one JSON object of findings for ServeBrowserTests to assert on.

  browser_check.py preview URL LESSON_FILE   edit the lesson; the page changes without a reload
  browser_check.py class FOLLOW_URL TEACHER_URL   a teacher's click reaches a follower
  browser_check.py search URL WORD           the site's search finds WORD in another lesson
  browser_check.py image URL                 the page's first prose image is drawn
  browser_check.py shot URL PNG [WIDTH HEIGHT] [dark]   a screenshot (for docs/)

Every mode also reports the console's errors and each request to a host that is not the server.
"""
import json
import sys
import time
from urllib.parse import urlparse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def driver(width=1280, height=900, dark=False):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps"]:
        options.add_argument(arg)
    if dark:
        options.add_argument("--force-dark-mode")
        options.add_argument("--blink-settings=preferredColorScheme=0")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def console_errors(d):
    return [e["message"] for e in d.get_log("browser") if e.get("level") == "SEVERE"]


def foreign_requests(d, base):
    """Requests the page made to anything but the server (data: URIs are in the page)."""
    server = urlparse(base).netloc
    out = []
    for entry in d.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.requestWillBeSent":
            continue
        url = message["params"]["request"]["url"]
        parsed = urlparse(url)
        if parsed.scheme == "data":
            continue
        if parsed.netloc != server:
            out.append(url)
    return out


def wait(d, script, seconds=20.0):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if d.execute_script(script):
            return True
        time.sleep(0.05)
    return bool(d.execute_script(script))


def preview(url, lesson):
    d = driver()
    try:
        d.get(url)
        wait(d, "return document.body.innerText.indexOf('third') >= 0 && document.getElementById('live-status').textContent === 'live'")
        # A marker a reload would lose, and a scroll position the swap must keep.
        d.execute_script("window.__notReloaded = true; window.scrollTo(0, 200);")
        time.sleep(0.2)
        y_before = d.execute_script("return window.scrollY")
        with open(lesson, encoding="utf-8") as f:
            text = f.read()
        saved = time.time()
        with open(lesson, "w", encoding="utf-8") as f:
            f.write(text.replace("## Sums", "Edited while the page was open.\n\n## Sums").replace("b = a * 3", "b = a * 4"))
        changed = wait(d, "return document.body.innerText.indexOf('Edited while the page was open.') >= 0"
                          " && document.body.innerText.indexOf('third 10') >= 0")
        result = {
            "changed": changed,
            "seconds": time.time() - saved,
            "reloaded": not d.execute_script("return window.__notReloaded === true"),
            "scrollBefore": y_before,
            "scrollAfter": d.execute_script("return window.scrollY"),
            "math": d.execute_script("return document.querySelectorAll('math msup').length"),
            "imageLoaded": d.execute_script("var i = document.querySelector('.prose img'); return !!i && i.complete && i.naturalWidth > 0"),
            "consoleErrors": console_errors(d),
            "foreignRequests": foreign_requests(d, url),
        }
        return result
    finally:
        d.quit()


def classroom(follow_url, teacher_url):
    teacher, follower = driver(), driver()
    try:
        follower.get(follow_url)
        teacher.get(teacher_url)
        for d in (teacher, follower):
            wait(d, "return document.getElementById('live-status').textContent === 'live'")
        wait(follower, "return !!document.querySelector('.cell.current-step')")
        start = time.time()
        teacher.find_element(By.CSS_SELECTOR, "button[data-action=next]").click()
        seen = wait(follower, "return document.body.innerText.indexOf('first 2') >= 0", seconds=5)
        elapsed = time.time() - start
        follower_buttons = follower.execute_script("return document.querySelectorAll('button[data-action]').length")
        return {
            "seen": seen,
            "seconds": elapsed,
            "followerControls": follower_buttons,
            "teacherRerunButtons": teacher.execute_script("return document.querySelectorAll('button[data-action=rerun]').length"),
            "consoleErrors": console_errors(teacher) + console_errors(follower),
            "foreignRequests": foreign_requests(teacher, teacher_url) + foreign_requests(follower, follow_url),
        }
    finally:
        teacher.quit()
        follower.quit()


def search(url, word):
    d = driver()
    try:
        d.get(url)
        box = d.find_element(By.ID, "search")
        box.send_keys(word)
        found = wait(d, "return document.querySelectorAll('#search-results a').length > 0", seconds=5)
        links = d.execute_script("return Array.prototype.map.call(document.querySelectorAll('#search-results a'), function (a) { return a.getAttribute('href'); })")
        return {"found": found, "links": links, "consoleErrors": console_errors(d), "foreignRequests": foreign_requests(d, url)}
    finally:
        d.quit()


def image(url):
    """Whether the page's first prose image is drawn (a site's copied image, from the file system)."""
    d = driver()
    try:
        d.get(url)
        drawn = wait(d, "var i = document.querySelector('.prose img'); return !!i && i.complete && i.naturalWidth > 0", seconds=5)
        return {"drawn": drawn, "consoleErrors": console_errors(d), "foreignRequests": foreign_requests(d, url)}
    finally:
        d.quit()


def shot(url, path, width=1280, height=900, dark=False, wait_for="", scroll=""):
    d = driver(int(width), int(height), dark)
    try:
        d.get(url)
        if wait_for:
            wait(d, wait_for, seconds=120)
        time.sleep(0.5)
        if scroll:
            d.execute_script(scroll)
            time.sleep(0.3)
        d.save_screenshot(path)
        return {"saved": path, "consoleErrors": console_errors(d)}
    finally:
        d.quit()


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "preview":
        out = preview(*args)
    elif mode == "class":
        out = classroom(*args)
    elif mode == "search":
        out = search(*args)
    elif mode == "image":
        out = image(*args)
    elif mode == "shot":
        out = shot(args[0], args[1], *(args[2:4] or []), dark=("dark" in args[4:5]),
                   wait_for=args[5] if len(args) > 5 else "", scroll=args[6] if len(args) > 6 else "")
    else:
        sys.exit(f"unknown mode {mode}")
    print(json.dumps(out))

"""A browser tab with the checks every journey uses: screenshots at phone
and desktop widths, axe-core, and a record of CSP violations and script
errors."""

import re

from axe_playwright_python.sync_playwright import Axe

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
# axe-core rules for WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
AAA_CONTRAST_RULE = "color-contrast-enhanced"  # WCAG 1.4.6: 7:1 for body text (the elder-friendly mode)

_axe = Axe()


class BrowserPage:
    def __init__(self, page, screenshot_dir):
        self.page = page
        self.screenshot_dir = screenshot_dir
        self.problems = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"script error on {page.url}: {error}"))

    def __getattr__(self, name):
        return getattr(self.page, name)

    def _on_console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"CSP violation on {self.page.url}: {message.text}")

    def open(self, path):
        response = self.page.goto(path)
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else '?'}"
        return response

    def path(self):
        return re.sub(r"^https?://[^/]+", "", self.page.url)

    def screenshots(self, name):
        """Full-page screenshots at 375 px and 1280 px: var/screenshots/<name>-<width>.png."""
        for viewport in (PHONE, DESKTOP):
            self.page.set_viewport_size(viewport)
            self.page.screenshot(path=self.screenshot_dir / f"{name}-{viewport['width']}.png", full_page=True)
        self.page.set_viewport_size(DESKTOP)

    def assert_accessible(self, enhanced_contrast=False):
        """No serious or critical axe-core violation of WCAG 2.2 A/AA; with
        `enhanced_contrast`, none of the AAA contrast rule (7:1) either."""
        results = _axe.run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}})
        violations = results.response["violations"]
        if enhanced_contrast:
            contrast = _axe.run(self.page, options={"runOnly": {"type": "rule", "values": [AAA_CONTRAST_RULE]}})
            violations = violations + contrast.response["violations"]
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        report = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}" for v in blocking
        )
        assert not blocking, f"accessibility violations on {self.page.url}:\n{report}"

    def check(self, name):
        """A key page: screenshots at both widths, then axe-core."""
        self.screenshots(name)
        self.assert_accessible()

# sbtree.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The AT-SPI half of the e2e harness: find controls by accessible name inside
# a pane, act on them (Action, EditableText), choose from menus, click and
# press keys for real (XTest, through the AT-SPI registry), read lists as
# text, and check that things are in view.  Mixed into sbharness.Harness, which provides
# self.app, self.window, self.wait_until() and self.atspi().

import re
import time

POLL = 0.05
DEFAULT_TIMEOUT = 15.0


class StepFailed(Exception):
    """A test step failed; the message is the TAP reason."""


class Tree:
    # ---- the accessibility tree ------------------------------------------------

    @staticmethod
    def _fresh(acc):
        try:
            acc.clear_cache()
        except Exception:
            pass
        return acc

    @staticmethod
    def role(acc):
        try:
            return acc.getRoleName()
        except Exception:
            return ""

    @staticmethod
    def name(acc):
        try:
            return acc.name or ""
        except Exception:
            return ""

    def children(self, acc):
        out = []
        try:
            n = acc.childCount
        except Exception:
            return out
        for i in range(n):
            try:
                c = acc.getChildAtIndex(i)
            except Exception:
                c = None
            if c is not None:
                out.append(c)
        return out

    def walk(self, acc, depth=0, max_depth=60):
        """Depth-first over acc's descendants (acc itself included)."""
        yield acc
        if depth >= max_depth:
            return
        for c in self.children(acc):
            yield from self.walk(c, depth + 1, max_depth)

    def has_state(self, acc, state_name):
        pyatspi = self.atspi()
        try:
            return acc.getState().contains(getattr(pyatspi, state_name))
        except Exception:
            return False

    def showing(self, acc):
        return self.has_state(acc, "STATE_SHOWING") or self.has_state(acc, "STATE_VISIBLE")

    _PANE_EXCLUDED_ROLES = ("label", "heading", "text", "push button", "toggle button",
                            "page tab", "menu item", "check box", "radio button", "static")

    def pane(self, title, timeout=DEFAULT_TIMEOUT):
        """The accessible whose name is the pane title (`Client`, `Server`): the
        first container (not a label or a button) with that name."""
        if not isinstance(title, str):
            return title
        cached = self._panes.get(title)
        if cached is not None and self.name(cached) == title:
            return cached

        def look():
            self._fresh(self.window)
            for acc in self.walk(self.window):
                if (self.name(acc) == title and self.role(acc) not in self._PANE_EXCLUDED_ROLES
                        and acc.childCount > 0):
                    return acc
            return None
        self._panes[title] = self.wait_until(look, "a pane named %r" % title, timeout=timeout)
        return self._panes[title]

    _LABEL_ROLES = ("label", "static", "heading")

    def find_all(self, scope, name=None, role=None, showing=True):
        """Accessibles named `name` inside scope.  Without a role, labels are
        left out: a visible label "Port" next to the entry has the same name
        as the entry, and the names in ACCESSIBILITY.md are the controls'."""
        scope = self.window if scope is None else self.pane(scope)
        found = []
        for acc in self.walk(scope):
            if acc is scope:
                continue
            if name is not None and self.name(acc) != name:
                continue
            r = self.role(acc)
            if role is None and r in self._LABEL_ROLES:
                continue
            if role is not None and r not in ((role,) if isinstance(role, str) else role):
                continue
            if showing and not self.showing(acc):
                continue
            found.append(acc)
        return found

    def find(self, scope, name, role=None, timeout=DEFAULT_TIMEOUT, showing=True):
        """The control called `name` (an accessible name from ACCESSIBILITY.md)
        inside the pane `scope` ('Client', 'Server', an accessible, or None for
        the whole window), optionally of a role('push button', 'text', ...).
        Waits for it to appear."""
        where = "the window" if scope is None else (scope if isinstance(scope, str) else self.name(scope))
        what = "%s%r in %s" % ((role + " ") if isinstance(role, str) else "", name, where)

        def look():
            found = self.find_all(scope, name, role, showing)
            return found[0] if found else None
        return self.wait_until(look, what, timeout=timeout)

    def describe_tree(self, scope=None, max_depth=40):
        """The tree as text (role, name, text), for diagnostics."""
        scope = self.window if scope is None else self.pane(scope)
        lines = []

        def rec(acc, d):
            if d > max_depth:
                return
            role, name, text = self.role(acc), self.name(acc), self.text_of(acc)
            if name or text or role not in ("panel", "filler"):
                line = "  " * d + role
                if name:
                    line += " %r" % name
                if text and text != name:
                    line += " text=%r" % text[:80]
                if not self.showing(acc):
                    line += " (not showing)"
                lines.append(line)
            for c in self.children(acc):
                rec(c, d + 1)
        rec(scope, 0)
        return "\n".join(lines)

    # ---- actions ---------------------------------------------------------------

    def _do_action(self, acc, preferred):
        action = acc.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        if not names:
            raise StepFailed("%s %r has no actions" % (self.role(acc), self.name(acc)))
        index = 0
        for want in preferred:
            if want in names:
                index = names.index(want)
                break
        if not action.doAction(index):
            raise StepFailed("action %r on %r failed" % (names[index], self.name(acc)))

    def click(self, button, scope=None, timeout=DEFAULT_TIMEOUT):
        """Activate a button (an accessible, or its name inside scope) through
        the AT-SPI Action interface, once it is enabled."""
        if isinstance(button, str):
            button = self.find(scope, button, timeout=timeout)
        self.wait_until(lambda: self.has_state(button, "STATE_SENSITIVE")
                         or self.has_state(button, "STATE_ENABLED"),
                         "%r to be enabled" % self.name(button), timeout=timeout)
        self._do_action(button, ("click", "press", "activate"))

    def is_on(self, switch):
        return self.has_state(switch, "STATE_CHECKED") or self.has_state(switch, "STATE_PRESSED")

    def toggle(self, switch, on=True, scope=None, timeout=DEFAULT_TIMEOUT):
        """Set a switch (or check/toggle button) to on/off and wait until it is."""
        if isinstance(switch, str):
            switch = self.find(scope, switch, timeout=timeout)
        if self.is_on(switch) != on:
            self._do_action(switch, ("toggle", "click", "activate", "press"))
        self.wait_until(lambda: self.is_on(switch) == on,
                         "%r to be %s" % (self.name(switch), "on" if on else "off"), timeout=timeout)

    def text_of(self, acc):
        try:
            t = acc.queryText()
            return t.getText(0, t.characterCount)
        except Exception:
            return ""

    def get_text(self, entry, scope=None):
        if isinstance(entry, str):
            entry = self.find(scope, entry)
        return self.text_of(entry)

    def set_text(self, entry, text, scope=None, timeout=DEFAULT_TIMEOUT):
        """Replace the contents of an entry or text view through EditableText."""
        if isinstance(entry, str):
            entry = self.find(scope, entry, timeout=timeout)
        try:
            editable = entry.queryEditableText()
        except Exception:
            raise StepFailed("%s %r does not implement EditableText" % (self.role(entry), self.name(entry)))
        if not editable.setTextContents(text):
            # Some widgets only implement delete + insert.
            n = self.text_of(entry)
            editable.deleteText(0, len(n))
            editable.insertText(0, text, len(text.encode()))
        self.wait_until(lambda: self.text_of(entry) == text,
                         "%r to contain %r" % (self.name(entry), text), timeout=timeout)
        return entry

    # ---- menus -------------------------------------------------------------------

    def _shown_menu(self, button):
        for acc in self.walk(button):
            if acc is not button and self.role(acc) == "menu" and self.showing(acc):
                return acc
        return None

    def open_menu(self, button, scope=None, timeout=DEFAULT_TIMEOUT):
        """Pop up the menu of a menu button (an accessible, or its name inside
        scope) and return the menu.  A GtkMenuButton's own accessible has no
        action; the toggle button inside it has."""
        if isinstance(button, str):
            button = self.find(scope, button, timeout=timeout)
        if self._shown_menu(button) is None:
            inner = [c for c in self.children(button) if self.role(c) in ("push button", "toggle button")]
            self.click(inner[0] if inner else button, timeout=timeout)
        return self.wait_until(lambda: self._shown_menu(button),
                               "the menu of %r to open" % self.name(button), timeout=timeout)

    def close_menu(self, button, scope=None, timeout=DEFAULT_TIMEOUT):
        """Pop the menu of a menu button down again (if it is up)."""
        if isinstance(button, str):
            button = self.find(scope, button, timeout=timeout)
        if self._shown_menu(button) is not None:
            inner = [c for c in self.children(button) if self.role(c) in ("push button", "toggle button")]
            self.click(inner[0] if inner else button, timeout=timeout)
        self.wait_until(lambda: self._shown_menu(button) is None,
                        "the menu of %r to close" % self.name(button), timeout=timeout)

    def menu_item(self, button, item, scope=None, timeout=DEFAULT_TIMEOUT):
        """The item named `item` in the menu of a menu button, the menu popped up."""
        menu = self.open_menu(button, scope=scope, timeout=timeout)
        return self.find(menu, item, role="menu item", timeout=timeout)

    def choose(self, button, item, scope=None, timeout=DEFAULT_TIMEOUT):
        """Activate the item named `item` in the menu of a menu button; the
        menu closes, as it does for a user."""
        if isinstance(button, str):
            button = self.find(scope, button, timeout=timeout)
        self.click(self.menu_item(button, item, timeout=timeout), timeout=timeout)
        self.wait_until(lambda: self._shown_menu(button) is None,
                        "the menu of %r to close after %r" % (self.name(button), item),
                        timeout=timeout)

    def choose_in_dropdown(self, scope, name, item, key, timeout=DEFAULT_TIMEOUT):
        """Choose `item` in the drop-down named `name` inside scope as a
        keyboard user does: open its popup, press `key` ("Home" for the first
        item, "End" for the last), Return.  (Selecting the popup's row through
        AT-SPI does not choose it in GTK 4.8.)  Nothing happens when the
        drop-down shows `item` already."""
        button = self.find(scope, name, role=("push button", "toggle button"), timeout=timeout)
        if item in self.labels_text(button):
            return

        self.click(button, timeout=timeout)

        def popup_open():
            for acc in self.walk(self.app):
                if self.role(acc) == "list item" and self.showing(acc) and self.labels_text(acc) == item:
                    return acc
            return None
        self.wait_until(popup_open, "%r in the list of %s" % (item, name), timeout=timeout)
        time.sleep(0.3)
        self.press(key)
        self.press("Return")
        self.wait_until(lambda: item in self.labels_text(button),
                        "%s to show %r" % (name, item), timeout=timeout)

    # ---- keyboard and pointer --------------------------------------------------

    # X keysyms and modifier masks for press(); XTest turns them into real
    # key events, which GTK handles like typing.
    KEYSYMS = {"Return": 0xff0d, "KP_Enter": 0xff8d, "Escape": 0xff1b, "Home": 0xff50,
               "End": 0xff57, "question": 0x3f, "F5": 0xffc2, "Menu": 0xff67}
    MODIFIERS = {"Shift": 1 << 0, "Control": 1 << 2}

    def click_at(self, acc):
        """A real primary-button click (XTest) in the middle of acc.  This is
        how a test gives a control the keyboard focus: GTK 4.8 does not
        implement AT-SPI Component.grabFocus.  Window coordinates are screen
        coordinates here (no window manager, the window at 0, 0)."""
        from gi.repository import Atspi
        x, y, w, hh = self.extents(acc)
        if w <= 0 or hh <= 0:
            raise StepFailed("%s %r has no box to click in" % (self.role(acc), self.name(acc)))
        if not Atspi.generate_mouse_event(x + w // 2, y + hh // 2, "b1c"):
            raise StepFailed("could not click %r" % self.name(acc))

    def context_menu_item(self, acc, item, attempts=3):
        """Right-click acc, a quarter of the way in from its left (the log's
        Jump to newest button floats over the middle of its lowest rows), and
        return the item named item of the menu that opens.  A click lost while
        a loaded machine is busy is made again; one that opened a menu too
        slow to show is closed by the next click, and the one after opens it
        again."""
        from gi.repository import Atspi
        for attempt in range(1, attempts + 1):
            x, y, w, hh = self.extents(acc)
            if not Atspi.generate_mouse_event(x + w // 4, y + hh // 2, "b3c"):
                raise StepFailed("could not right-click %r" % self.name(acc))
            try:
                return self.find(None, item, role="menu item", timeout=5 * attempt)
            except StepFailed:
                if attempt == attempts:
                    raise

    def focus(self, acc, timeout=DEFAULT_TIMEOUT):
        """Click acc and wait until it has the keyboard focus.  A click can be
        taken by a popover that is still closing (a menu whose item was
        activated through AT-SPI): then it clicks again, up to three times
        within timeout."""
        for attempt in range(3):
            self.click_at(acc)
            try:
                self.wait_until(lambda: self.has_state(acc, "STATE_FOCUSED"),
                                "%r to have the keyboard focus" % self.name(acc),
                                timeout=timeout / 3)
                return
            except StepFailed:
                if attempt == 2:
                    raise

    def press(self, combo):
        """Press and release a key with modifiers held, as "Control+Return" or
        "Control+Shift+k", through the AT-SPI registry (XTest on X11), into
        whatever has the focus.  The modifiers are latched around the key:
        a SYM event is a press and release of its own."""
        from gi.repository import Atspi
        *mods, key = combo.split("+")
        mask = 0
        for m in mods:
            mask |= self.MODIFIERS[m]
        keysym = self.KEYSYMS.get(key)
        if keysym is None:
            if len(key) != 1:
                raise StepFailed("no keysym known for %r" % key)
            keysym = ord(key)
        ok = True
        if mask:
            ok = Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.LOCKMODIFIERS)
        try:
            ok = Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM) and ok
        finally:
            if mask:
                Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.UNLOCKMODIFIERS)
        if not ok:
            raise StepFailed("the AT-SPI registry did not synthesize %s" % combo)

    def extents(self, acc):
        """(x, y, width, height) in the window (GTK 4 has no screen coordinates;
        without a window manager the window is at 0, 0 on the Xvfb screen)."""
        pyatspi = self.atspi()
        e = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return (e.x, e.y, e.width, e.height)

    def not_in_view(self, acc, tolerance=1):
        """Why acc is not in view: its box is empty, or the first scrolling
        ancestor (or the window) does not contain it; None if acc is in view.
        A list row outside the view may also have an empty box."""
        x, y, w, hh = self.extents(acc)
        if w <= 0 or hh <= 0:
            return "its box is empty %r (not drawn)" % ((x, y, w, hh),)
        node = acc
        for _ in range(60):
            try:
                node = node.parent
            except Exception:
                return None
            if node is None or self.role(node) == "application":
                return None
            if self.role(node) not in ("scroll pane", "viewport", "frame", "window"):
                continue
            px, py, pw, ph = self.extents(node)
            if (x < px - tolerance or y < py - tolerance
                    or x + w > px + pw + tolerance or y + hh > py + ph + tolerance):
                return "%r is outside its %s %r" % ((x, y, w, hh), self.role(node), (px, py, pw, ph))
        return None

    def visible_labels(self, scope=None):
        """The texts of the labels showing inside scope (a pane or the window)."""
        scope = self.window if scope is None else self.pane(scope)
        out = []
        for acc in self.walk(scope):
            if self.role(acc) in self._LABEL_ROLES and self.showing(acc):
                t = self.text_of(acc) or self.name(acc)
                if t:
                    out.append(t)
        return out

    def wait_label(self, scope, pattern, what, timeout=DEFAULT_TIMEOUT):
        """Wait until a label showing in scope matches the regular expression
        (case-insensitive); returns its text."""
        rx = re.compile(pattern, re.I)

        def look():
            for t in self.visible_labels(scope):
                if rx.search(t):
                    return t
            return None
        try:
            return self.wait_until(look, what, timeout=timeout)
        except StepFailed as e:
            raise StepFailed("%s; labels showing: %s"
                             % (e, " | ".join(self.visible_labels(scope))[:1500]))

    # ---- lists -------------------------------------------------------------------

    def labels_text(self, acc):
        """The texts of the labels inside acc, in tree order, joined by spaces."""
        parts = []
        for a in self.walk(acc):
            if a is acc:
                continue
            if self.role(a) in ("label", "static", "text", "heading"):
                t = self.text_of(a) or self.name(a)
                if t:
                    parts.append(t)
        return " ".join(parts)

    def row_items(self, list_name, scope=None):
        """[(accessible, text)] for the rows of the list called list_name
        ('Event log', 'Connections'), each read as the concatenated texts of
        its labels.  A GtkListView only has rows for what is on screen (and a
        little more)."""
        lst = self.find(scope, list_name, role=("list", "list box", "table", "tree table", "tree"))
        self._fresh(lst)
        out = []
        for row in self.children(lst):
            if self.role(row) in ("scroll bar",):
                continue
            text = self.labels_text(row) or self.name(row)
            if text:
                out.append((row, text))
        return out

    def rows(self, list_name, scope=None):
        """The rows' texts (see row_items)."""
        return [text for _, text in self.row_items(list_name, scope)]

    def wait_row(self, list_name, predicate, what, scope=None, timeout=DEFAULT_TIMEOUT,
                 in_view=False):
        """Wait until a row of the list satisfies predicate(text); returns its
        text.  With in_view, the row must also be scrolled into view (not
        clipped by the list's scrolled window)."""
        def look():
            for acc, text in self.row_items(list_name, scope):
                if predicate(text):
                    if in_view:
                        clip = self.not_in_view(acc)
                        if clip:
                            state["clipped"] = "%r: %s" % (text[:60], clip)
                            continue
                    return text
            return None
        state = {}
        if in_view:
            what += ", scrolled into view"
        try:
            return self.wait_until(look, "a row of %r with %s" % (list_name, what), timeout=timeout)
        except StepFailed as e:
            if "clipped" in state:
                raise StepFailed("%s; the row is there but not in view: %s" % (e, state["clipped"]))
            try:
                rows = self.rows(list_name, scope)
                raise StepFailed("%s; rows: %s" % (e, " | ".join(rows[-12:]) or "none"))
            except StepFailed:
                raise
            except Exception:
                raise e

    def select_row(self, list_name, predicate, what, scope=None, timeout=DEFAULT_TIMEOUT):
        """Select the last (newest) row whose text satisfies predicate,
        through the list's AT-SPI Selection interface; returns its text."""
        self.wait_row(list_name, predicate, what, scope=scope, timeout=timeout)
        lst = self.find(scope, list_name, role=("list", "list box", "table", "tree table", "tree"))
        for acc, text in reversed(self.row_items(list_name, scope)):
            if predicate(text):
                index = acc.getIndexInParent()
                if not lst.querySelection().selectChild(index):
                    raise StepFailed("%r could not select row %d (%s)" % (list_name, index, what))
                self.wait_until(lambda: lst.querySelection().isChildSelected(index),
                                "row %d of %r to be selected" % (index, list_name), timeout=timeout)
                return text
        raise StepFailed("the row with %s went away" % what)

// SPDX-License-Identifier: MIT
// The preview page's only script. It receives the article over QWebChannel
// and replaces only the blocks whose key changed, so the page never flashes
// and keeps its scroll position. Content arrives as HTML from the renderer
// (raw HTML already removed); it is parsed into inert template content, and
// the page's Content-Security-Policy forbids any script but this file.
'use strict';

(function () {
    let preview = null;
    const blocks = new Map(); // key -> element shown
    let shownHeader = null;
    let shownCorrection = null;
    let shownRevision = -1;

    function elementFor(key, html) {
        const template = document.createElement('template');
        template.innerHTML = html;
        const content = template.content;
        let element = content.firstElementChild;
        if (!element || content.childElementCount !== 1) {
            element = document.createElement('div');
            element.className = 'preview-block';
            element.append(content);
        }
        element.dataset.key = key;
        return element;
    }

    function apply(content) {
        if (!content || typeof content.revision !== 'number' || content.revision === shownRevision)
            return;
        const body = document.getElementById('story-body');
        const header = document.getElementById('story-header');
        const order = content.order || [];
        const html = content.html || {};
        const lines = content.lines || {};
        // A block neither shown nor sent: an update in between was skipped.
        for (const key of order) {
            if (!blocks.has(key) && !(key in html)) {
                preview.resync();
                return;
            }
        }
        if (content.header !== shownHeader) {
            const template = document.createElement('template');
            template.innerHTML = content.header || '';
            const fresh = template.content.firstElementChild || document.createElement('header');
            fresh.id = 'story-header';
            header.replaceWith(fresh);
            shownHeader = content.header;
        }
        // The correction note the article prints after the body.
        if ((content.correction || '') !== shownCorrection) {
            const template = document.createElement('template');
            template.innerHTML = content.correction || '';
            document.getElementById('story-correction').replaceChildren(template.content);
            shownCorrection = content.correction || '';
        }
        const wanted = new Set(order);
        for (const [key, element] of blocks) {
            if (!wanted.has(key)) {
                element.remove();
                blocks.delete(key);
            }
        }
        let next = body.firstElementChild;
        for (const key of order) {
            let element = blocks.get(key);
            if (!element) {
                element = elementFor(key, html[key]);
                blocks.set(key, element);
            }
            if (element === next)
                next = next.nextElementSibling;
            else
                body.insertBefore(element, next);
            const range = lines[key] || [0, 0];
            if (element.dataset.first !== String(range[0]))
                element.dataset.first = range[0];
            if (element.dataset.last !== String(range[1]))
                element.dataset.last = range[1];
        }
        shownRevision = content.revision;
        followSource();
        preview.applied(content.revision);
        // A callback queued from an animation frame runs once that frame is
        // painted.
        const revision = content.revision;
        requestAnimationFrame(function () {
            setTimeout(function () { preview.painted(revision); }, 0);
        });
    }

    // Scrolls so that the block holding the editor's top line is at the top,
    // as far into it as the line is into the block's source.
    function followSource() {
        const line = preview ? preview.sourceLine : 0;
        if (!(line > 0))
            return;
        if (line <= 1) {
            window.scrollTo(0, 0);
            return;
        }
        let target = null;
        for (const element of document.getElementById('story-body').children) {
            const first = Number(element.dataset.first);
            if (first > line)
                break;
            target = element;
        }
        if (!target) {
            window.scrollTo(0, 0);
            return;
        }
        const first = Number(target.dataset.first);
        const last = Math.max(first, Number(target.dataset.last));
        const box = target.getBoundingClientRect();
        const into = Math.min(1, (line - first) / (last - first + 1));
        window.scrollTo(0, window.scrollY + box.top + into * box.height);
    }

    function applyTheme() {
        document.documentElement.dataset.theme = preview.theme === 'dark' ? 'dark' : 'light';
    }

    document.addEventListener('click', function (event) {
        if (!preview || !(event.target instanceof Element) || event.target.closest('a'))
            return;
        const block = event.target.closest('[data-first]');
        if (block)
            preview.activateSourceLine(Number(block.dataset.first));
    });

    window.addEventListener('DOMContentLoaded', function () {
        new QWebChannel(qt.webChannelTransport, function (channel) {
            preview = channel.objects.preview;
            preview.contentChanged.connect(function () { apply(preview.content); });
            preview.sourceLineChanged.connect(followSource);
            preview.themeChanged.connect(applyTheme);
            applyTheme();
            // A page (re)loaded shows nothing yet: ask for everything.
            preview.resync();
        });
    });
})();

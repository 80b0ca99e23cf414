/**
 * @module
 * The small browser scripts, served as same-origin files so pages need no inline script (CSP `script-src 'self'`).
 * Everything works without them; they only add type-ahead, copy buttons and embed sizing.
 */

/** /assets/app.js: type-ahead from /api/suggest (silently off when it answers 404 or fails), results as you type, and copy buttons. */
export const appJs = `(function () {
  'use strict'
  var input = document.getElementById('q')
  var list = document.getElementById('q-suggestions')
  if (input && list && window.fetch) {
    var timer = 0, last = '', off = false, seq = 0
    var toText = function (s) {
      if (typeof s === 'string') return s
      if (s && typeof s === 'object') return s.suggestion || s.text || s.term || s.value || ''
      return ''
    }
    var show = function (items) {
      list.textContent = ''
      items.slice(0, 8).forEach(function (s) {
        var t = toText(s)
        if (!t) return
        var o = document.createElement('option')
        o.value = String(t)
        list.appendChild(o)
      })
    }
    var ask = function () {
      var q = input.value.trim()
      if (off || q.length < 2 || q === last) return
      last = q
      var mine = ++seq
      fetch('/api/suggest?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } })
        .then(function (r) {
          if (r.status === 404 || r.status === 501) { off = true; return null }
          return r.ok ? r.json() : null
        })
        .then(function (data) {
          if (!data || mine !== seq) return
          show(Array.isArray(data) ? data : data.suggestions || data.results || [])
        })
        .catch(function () {})
    }
    input.addEventListener('input', function () {
      clearTimeout(timer)
      timer = setTimeout(ask, 150)
    })
  }
  var form = input && input.form
  if (form) {
    // Leave empty filters out of the URL so shared links stay short.
    form.addEventListener('submit', function () {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.value === '') el.disabled = true
      })
      setTimeout(function () {
        Array.prototype.forEach.call(form.elements, function (el) { el.disabled = false })
      }, 0)
    })
  }
  // Results as you type: the results (not only words) follow the form, debounced; a newer request cancels an older
  // one; the URL follows (a new entry per burst of typing, so Back returns to the previous search). Filters apply at
  // once. Without this script the form submits as usual.
  var results = document.getElementById('results')
  if (form && results && window.fetch && window.DOMParser && window.AbortController && window.history && history.pushState) {
    var liveTimer = 0, controller = null, lastUrl = location.pathname + location.search, burstAt = 0
    var urlOf = function () {
      var params = new URLSearchParams()
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.value !== '') params.append(el.name, el.value)
      })
      var q = params.toString()
      return '/' + (q ? '?' + q : '')
    }
    var loadResults = function (url, history_) {
      if (controller) controller.abort()
      var mine = controller = new AbortController()
      results.setAttribute('aria-busy', 'true')
      // Keep the height while loading: the page does not jump under the reader.
      results.style.minHeight = results.offsetHeight + 'px'
      fetch(url, { headers: { accept: 'text/html' }, signal: mine.signal })
        .then(function (r) { return r.text() })
        .then(function (html) {
          if (mine !== controller) return
          var doc = new DOMParser().parseFromString(html, 'text/html')
          var fresh = doc.getElementById('results')
          if (!fresh) return
          results.innerHTML = fresh.innerHTML
          // The filter lists count what the new query finds.
          ;['speaker', 'source', 'kind', 'filters-summary', 'years'].forEach(function (id) {
            var mineEl = document.getElementById(id), theirs = doc.getElementById(id)
            if (mineEl && theirs && mineEl !== document.activeElement) mineEl.innerHTML = theirs.innerHTML
          })
          document.title = doc.title
          if (history_ && url !== lastUrl) history[history_](null, '', url)
          lastUrl = url
        })
        .catch(function () {})
        .then(function () {
          if (mine !== controller) return
          results.removeAttribute('aria-busy')
          results.style.minHeight = ''
        })
    }
    var updateResults = function () {
      var url = urlOf()
      if (url === lastUrl) return
      var push = Date.now() - burstAt > 2000
      burstAt = Date.now()
      loadResults(url, push ? 'pushState' : 'replaceState')
    }
    input.addEventListener('input', function () {
      clearTimeout(liveTimer)
      liveTimer = setTimeout(updateResults, 250)
    })
    Array.prototype.forEach.call(form.querySelectorAll('select, input[type=date]'), function (el) {
      el.addEventListener('change', function () { burstAt = 0; updateResults() })
    })
    form.addEventListener('submit', function () {
      clearTimeout(liveTimer)
      if (controller) controller.abort()
    })
    window.addEventListener('popstate', function () {
      var params = new URLSearchParams(location.search)
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name) el.value = params.get(el.name) || ''
      })
      loadResults(location.pathname + location.search, null)
    })
  }
  Array.prototype.forEach.call(document.querySelectorAll('button.copy[data-copy]'), function (button) {
    var field = document.getElementById(button.getAttribute('data-copy'))
    var status = document.getElementById(button.getAttribute('data-copy') + '-status')
    if (!field) return
    button.hidden = false
    button.addEventListener('click', function () {
      var done = function () { if (status) status.textContent = 'Copied' }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, function () { field.select() })
      } else {
        field.select()
        try { document.execCommand('copy'); done() } catch (e) {}
      }
    })
  })
})()
`

/** /assets/card.js: tells the embedding page the card's height whenever it changes. */
export const cardJs = `(function () {
  'use strict'
  if (window.parent === window) return
  var id = document.documentElement.getAttribute('data-quote-id')
  var last = -1
  var send = function () {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height)
    if (h === last) return
    last = h
    window.parent.postMessage({ type: 'verbatim:height', id: id, height: h }, '*')
  }
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.documentElement)
  window.addEventListener('load', send)
  send()
})()
`

/**
 * /embed.js: replaces each blockquote.verbatim-quote[data-quote-id] with the card in a sandboxed iframe
 * from the origin this script came from, sized by the card's postMessage. Without scripts the blockquote stays.
 */
export const embedJs = `(function () {
  'use strict'
  var me = document.currentScript
  var origin
  try { origin = new URL(me && me.src ? me.src : '/', location.href).origin } catch (e) { return }
  var frames = window.__verbatimFrames || (window.__verbatimFrames = [])
  if (!window.__verbatimListening) {
    window.__verbatimListening = true
    window.addEventListener('message', function (event) {
      var d = event.data
      if (!d || d.type !== 'verbatim:height' || typeof d.height !== 'number') return
      for (var i = 0; i < frames.length; i++) {
        var f = frames[i]
        if (event.source === f.contentWindow && event.origin === f.getAttribute('data-origin')) {
          f.style.height = Math.max(40, Math.min(4000, Math.ceil(d.height))) + 'px'
        }
      }
    })
  }
  var quotes = document.querySelectorAll('blockquote.verbatim-quote[data-quote-id]')
  Array.prototype.forEach.call(quotes, function (bq) {
    var id = bq.getAttribute('data-quote-id') || ''
    if (!/^[A-Za-z0-9_.-]{1,128}$/.test(id)) return
    var theme = bq.getAttribute('data-theme')
    var src = origin + '/embed/quotes/' + encodeURIComponent(id) + (theme === 'light' || theme === 'dark' ? '?theme=' + theme : '')
    var f = document.createElement('iframe')
    f.src = src
    f.title = 'Quote from verbatim'
    f.setAttribute('data-origin', origin)
    // allow-same-origin keeps the card's own origin (not the host page's) so its messages carry a checkable origin.
    f.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox')
    f.setAttribute('loading', 'lazy')
    f.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin')
    f.className = 'verbatim-quote-frame'
    f.style.cssText = 'display:block;width:100%;max-width:550px;height:220px;border:0;margin:1em 0;color-scheme:normal'
    frames.push(f)
    bq.parentNode.replaceChild(f, bq)
  })
})()
`

/**
 * @module
 * Stylesheets served as same-origin files (/assets/app.css, /assets/card.css), so a strict CSP needs no inline styles.
 * Colours are custom properties: light by default, dark from prefers-color-scheme unless a theme class forces one.
 */

/** Palette shared by the site and the embed card; contrast ≥ 4.5:1 for text in both themes. */
const palette = `
:root{color-scheme:light dark;--bg:#fbfaf7;--panel:#ffffff;--fg:#1d1b18;--muted:#57524a;--line:#dcd6cb;--accent:#8a3b12;--accent-fg:#ffffff;--mark:#fde68a;--mark-fg:#1d1b18;--chip:#f1ece3;--focus:#1d4ed8}
@media (prefers-color-scheme:dark){:root:not(.theme-light){--bg:#151412;--panel:#1f1d1a;--fg:#ece8e1;--muted:#b5ada0;--line:#3a362f;--accent:#f0a070;--accent-fg:#151412;--mark:#6b4e12;--mark-fg:#fff7e0;--chip:#2a2723;--focus:#93c5fd}}
:root.theme-light{color-scheme:light}
:root.theme-dark{color-scheme:dark;--bg:#151412;--panel:#1f1d1a;--fg:#ece8e1;--muted:#b5ada0;--line:#3a362f;--accent:#f0a070;--accent-fg:#151412;--mark:#6b4e12;--mark-fg:#fff7e0;--chip:#2a2723;--focus:#93c5fd}
`

export const appCss = `${palette}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--accent);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
mark{background:var(--mark);color:var(--mark-fg);padding:0 .1em;border-radius:2px}
.skip{position:absolute;left:-999px;top:.5rem;background:var(--panel);color:var(--fg);padding:.5rem 1rem;z-index:10;border:2px solid var(--focus)}
.skip:focus{left:.5rem}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
header.site{border-bottom:1px solid var(--line);background:var(--panel)}
header.site .wrap{display:flex;align-items:center;justify-content:space-between;gap:1rem;min-height:3.5rem;flex-wrap:wrap}
.brand{font:700 1.35rem/1 Georgia,"Times New Roman",serif;color:var(--fg);text-decoration:none;letter-spacing:.01em}
.brand span{color:var(--accent)}
header.site nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
header.site nav li{white-space:nowrap}
main{flex:1;padding:1.5rem 0 3rem}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem;padding:1rem 0 2rem}
h1{font:700 1.9rem/1.25 Georgia,"Times New Roman",serif;margin:.5rem 0 1rem}
h2{font:700 1.3rem/1.3 Georgia,"Times New Roman",serif;margin:2rem 0 .75rem}
.lede{color:var(--muted);margin-top:-.5rem}
form.search{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:1rem;margin-bottom:1.5rem}
.searchrow{display:flex;gap:.5rem}
.searchrow input{flex:1;min-width:0}
label{display:block;font-size:.9rem;font-weight:600;margin-bottom:.25rem}
input,select,button,textarea{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--muted);border-radius:6px;padding:.45rem .6rem}
button,.button{background:var(--accent);color:var(--accent-fg);border-color:var(--accent);font-weight:600;cursor:pointer;text-decoration:none;display:inline-block}
.filters{margin-top:.75rem}
.filters summary{cursor:pointer;font-weight:600;width:max-content}
.filtergrid{margin-top:.5rem;display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.75rem}
.active-filters{margin:0 0 1rem}
.years{margin-top:.75rem}
.years .label{font-size:.9rem;font-weight:600;margin:0}
.active-filters a{white-space:normal}
.active-filters a.clear{background:transparent;border-color:transparent;text-decoration:underline;color:var(--accent)}
#results{position:relative}
#results[aria-busy=true]::before{content:"";position:absolute;left:0;right:0;top:-.6rem;height:3px;border-radius:2px;background:var(--accent);animation:busy .8s ease-in-out infinite alternate}
@keyframes busy{from{opacity:.25}to{opacity:1}}
@media (prefers-reduced-motion:reduce){#results[aria-busy=true]::before{animation:none}}
.filtergrid select,.filtergrid input{width:100%}
.formerror{border-left:4px solid var(--accent);padding:.5rem 1rem;background:var(--chip)}
.summary{color:var(--muted)}
ol.results,ul.quotes{list-style:none;padding:0;margin:0}
.quote{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:1.1rem 1.25rem;margin:0 0 1rem}
.quote blockquote{margin:0;font:1.3rem/1.45 Georgia,"Times New Roman",serif}
.quote blockquote p{margin:0}
.qlink{color:inherit;text-decoration:none}
.qlink:hover{text-decoration:underline;text-decoration-color:var(--accent)}
.quote blockquote p::before{content:"“";color:var(--accent)}
.quote blockquote p::after{content:"”";color:var(--accent)}
.meta{margin:.6rem 0 0;color:var(--muted);font-size:.95rem;display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline}
.meta .speaker{color:var(--fg);font-weight:600}
.chips{list-style:none;padding:0;margin:.6rem 0 0;display:flex;flex-wrap:wrap;gap:.4rem}
.chips li{min-width:0;max-width:min(100%,26rem)}
.chips a{display:block;background:var(--chip);color:var(--fg);border-radius:999px;padding:.15rem .7rem;font-size:.85rem;text-decoration:none;border:1px solid var(--line);max-width:100%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.chips a:hover{border-color:var(--accent)}
.kind{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em}
.hero blockquote{font-size:1.9rem;line-height:1.35}
.hero{padding:1.5rem 1.75rem}
nav.pages{display:flex;gap:1rem;align-items:center;justify-content:center;margin-top:1.5rem}
.occurrence{border-left:3px solid var(--line);padding:.25rem 0 .25rem 1rem;margin:0 0 1.25rem}
.occurrence .context{margin:.25rem 0;color:var(--muted)}
.occurrence .context mark{color:var(--mark-fg)}
.attribution{margin:.25rem 0;font-size:.95rem}
.named{color:var(--fg);text-decoration:underline;text-decoration-style:dotted;text-underline-offset:.2em}
.badge{display:inline-block;margin-left:.5rem;font-size:.8rem;border:1px dashed var(--muted);border-radius:999px;padding:0 .5rem;color:var(--fg)}
.cite{display:grid;gap:1rem}
.cite textarea{width:100%;min-height:4.5rem;font:.9rem/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;resize:vertical}
.copy{margin-top:.35rem;font-size:.85rem;padding:.25rem .7rem}
.copied{margin-left:.5rem;color:var(--muted);font-size:.85rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1.5rem}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.body{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:1.25rem 1.5rem;white-space:pre-wrap;overflow-wrap:break-word;font:1.05rem/1.7 Georgia,"Times New Roman",serif;max-width:42rem}
.body>:first-child{margin-top:0}.body>:last-child{margin-bottom:0}.body h3{font-size:1.15rem;margin:1.5rem 0 .5rem}
.body a.q{color:var(--mark-fg);background:var(--mark);text-decoration:none;border-bottom:2px solid var(--accent);border-radius:2px}
.body a.q:target{outline:3px solid var(--focus)}
.removed{color:var(--muted);font-size:.9rem}
.notices{list-style:none;margin:0 0 .75rem;padding:.5rem .9rem;border-left:4px solid var(--accent);background:var(--chip);border-radius:4px}
.notices li{margin:.15rem 0}
.listfilter{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end}
.listfilter>div{flex:1 1 12rem}
.listfilter input,.listfilter select{width:100%}
ul.listing{list-style:none;padding:0;margin:0;display:grid;gap:.4rem}
ul.listing li{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline;padding:.5rem .75rem;background:var(--panel);border:1px solid var(--line);border-radius:8px}
ul.listing a{font-weight:600}
.count{color:var(--muted);font-size:.95rem}
.roles{color:var(--muted);font-size:.9rem;flex-basis:100%}
table.sources{width:100%;border-collapse:collapse;background:var(--panel);border:1px solid var(--line)}
table.sources th,table.sources td{text-align:left;padding:.5rem .6rem;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
table.sources .num{text-align:right}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
form.verify textarea,form.verify input{width:100%;margin-bottom:.6rem}
.verdict-verbatim,.verdict-close{color:var(--fg)}
.diff{font:1.05rem/1.6 Georgia,"Times New Roman",serif}
.diff del{color:var(--muted);text-decoration:line-through}
.diff ins{text-decoration:underline;text-decoration-thickness:2px;text-decoration-color:var(--accent);background:var(--chip)}
@media (max-width:40rem){table.sources thead{display:none}table.sources tr{display:block;border-bottom:1px solid var(--line);padding:.4rem 0}table.sources td{display:block;border:0;padding:.1rem .6rem}table.sources .num{text-align:left}table.sources td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}}
.context-match{margin:.6rem 0 0;color:var(--muted);font-size:.95rem}
.context-match .why{font-weight:600;color:var(--fg)}
.error h1{font-size:2.4rem}
@media (max-width:40rem){h1{font-size:1.5rem}.hero blockquote{font-size:1.4rem}.quote blockquote{font-size:1.15rem}.hero{padding:1rem}.body{padding:1rem}}
`

export const cardCss = `${palette}
*{box-sizing:border-box}
html,body{margin:0;background:transparent}
body{font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg)}
article{background:var(--panel);border:1px solid var(--line);border-radius:12px;padding:1rem 1.25rem;margin:0}
blockquote{margin:0;font:1.2rem/1.45 Georgia,"Times New Roman",serif}
blockquote p{margin:0}
blockquote p::before{content:"“";color:var(--accent)}
blockquote p::after{content:"”";color:var(--accent)}
p.meta{margin:.6rem 0 0;color:var(--muted);font-size:.9rem}
.speaker{color:var(--fg);font-weight:600}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
footer{margin-top:.6rem;display:flex;justify-content:space-between;gap:.5rem;flex-wrap:wrap;font-size:.85rem;color:var(--muted)}
.brand{font:700 .95rem Georgia,serif;text-decoration:none}
`

/** /favicon.svg (and /favicon.ico): an opening quote mark on the accent colour. */
export const faviconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#8a3b12"/><text x="16" y="28" font-family="Georgia,serif" font-size="30" font-weight="700" fill="#fff" text-anchor="middle">“</text></svg>`

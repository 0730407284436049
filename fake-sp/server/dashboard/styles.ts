// The dashboard's only stylesheet, inlined in a <style> element (the page CSP allows inline styles,
// never inline scripts).
export const DASHBOARD_CSS = `
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#121c2d;background:#f4f4f6}
header{background:#121c2d;color:#fff;padding:.75rem 1.5rem;display:flex;gap:1.5rem;align-items:baseline}
header a{color:#fff;text-decoration:none;font-weight:600}header .meta{color:#c5c9d3;font-size:.85rem}
main{padding:1rem 1.5rem;max-width:1400px}
h1{font-size:1.35rem;margin:.5rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;background:#fff;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #e1e3ea;padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:#eef0f4;font-weight:600}
tbody tr:hover{background:#f8f9fb}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
.ok{color:#0a7a2f}.failed{color:#c72323}.skipped{color:#6b7080}.warning{color:#8a5a00}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:.6rem;font-size:.8rem;font-weight:600}
.badge.ok{background:#e3f6e9}.badge.failed{background:#fde7e7}
form.filter{display:flex;gap:.75rem;align-items:end;flex-wrap:wrap;margin-bottom:1rem;background:#fff;padding:.75rem;border:1px solid #e1e3ea}
form.filter label{display:flex;flex-direction:column;font-size:.8rem;color:#4b5060;gap:.2rem}
form.filter input,form.filter select{font:inherit;padding:.3rem .4rem;min-width:12rem}
button,.button{font:inherit;padding:.35rem .9rem;background:#0263e0;color:#fff;border:0;border-radius:.25rem;text-decoration:none;cursor:pointer}
.muted{color:#6b7080}.empty td{text-align:center;color:#6b7080;padding:1.5rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:1rem}
.card{background:#fff;border:1px solid #e1e3ea;padding:.75rem 1rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dl.facts dt{color:#4b5060}dl.facts dd{margin:0;word-break:break-all}
pre.xml{background:#fff;border:1px solid #e1e3ea;padding:.75rem;overflow:auto;max-height:40rem;line-height:1.35}
pre.xml .signed{background:#fff4c2}
pre.xml .signed-note{color:#8a6d00;font-weight:600}
.tag{color:#0b4a8b}.attr{color:#7a3e9d}.val{color:#0a7a2f}
tr.mismatch td,#checks tr.failed td{background:#fff1f1}#checks td{color:#121c2d}#checks td.ok,#checks td.failed{font-weight:700}#checks td.ok{color:#0a7a2f}#checks td.failed{color:#c72323}
td{overflow-wrap:anywhere}#attributes td:first-child,#checks td:nth-child(-n+3){overflow-wrap:normal}
.why{background:#fff1f1;border:1px solid #f3b5b5;border-left:4px solid #c72323;padding:.5rem 1rem;margin:0 0 1rem}
.why h2{margin:.25rem 0 .5rem;color:#c72323}.why ul{margin:0;padding-left:1.2rem}.why li{margin:.35rem 0;overflow-wrap:anywhere}.why .fix{font-weight:600}
details#claim-uris{margin:.5rem 0}details#claim-uris summary{cursor:pointer;color:#4b5060}
time{white-space:nowrap}tr.fresh td{animation:fresh 2s ease-out}
@keyframes fresh{from{background:#fff4c2}to{background:transparent}}
`;

/** Inline CSS and JS of index.html (the report is one self-contained file: no external assets). */
export const CSS = `
:root{--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--skip:#9a6700;--skip-bg:#fff8c5;--none:#57606a;--none-bg:#f6f8fa;--line:#d0d7de;--ink:#1f2328;--muted:#57606a}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
main{max-width:1200px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:22px;margin:8px 0}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:14px;margin:12px 0 4px}
h3.step{border-top:1px dashed var(--line);padding-top:8px;margin-top:14px}
.meta{display:flex;flex-wrap:wrap;gap:4px 18px;color:var(--muted)}.meta b{color:var(--ink);font-weight:600}
.totals{display:flex;gap:8px;margin:12px 0;flex-wrap:wrap}
.badge{display:inline-block;border-radius:6px;padding:2px 8px;font-weight:600;border:1px solid transparent}
.passed{background:var(--pass-bg);color:var(--pass);border-color:#aceebb}
.failed{background:var(--fail-bg);color:var(--fail);border-color:#ffcecb}
.skipped{background:var(--skip-bg);color:var(--skip);border-color:#f5e0a0}
.not-run{background:var(--none-bg);color:var(--none);border-color:var(--line)}
.banner{padding:8px 12px;border-radius:6px;margin:8px 0}
.filters{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:8px 0;display:flex;gap:16px;align-items:center;z-index:2;flex-wrap:wrap}
.filters label{font-weight:600}.filters select{font:inherit;padding:2px 4px}
table{border-collapse:collapse;width:100%;margin:4px 0}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--none-bg);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.matrix td.provider{font-weight:600;white-space:nowrap;width:1%}
.tiles{display:flex;flex-wrap:wrap;gap:6px}
.tile{display:inline-block;border-radius:6px;padding:4px 8px;border:1px solid;text-decoration:none;min-width:150px}
.tile small{display:block;font-weight:400}
details.case{border:1px solid var(--line);border-left:4px solid var(--fail);border-radius:6px;margin:8px 0;padding:4px 10px}
details.case summary{cursor:pointer;font-weight:600}
.check{background:var(--fail-bg);border-radius:6px;padding:6px 10px;margin:6px 0}
.check code{font-weight:600}
.check .kw{font-variant:small-caps;color:var(--muted)}
mark.rcv{background:#ffd8d3;color:var(--fail);padding:0 3px;border-radius:3px}
mark.doc{background:var(--pass-bg);color:var(--pass);padding:0 3px;border-radius:3px}
pre{background:var(--none-bg);border:1px solid var(--line);border-radius:6px;padding:8px;overflow:auto;max-height:360px;white-space:pre-wrap;word-break:break-all;margin:4px 0;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:12px}
@media (max-width:900px){.cols{grid-template-columns:1fr}}
.bar{background:var(--none-bg);border:1px solid var(--line);border-radius:4px;height:10px;min-width:120px;overflow:hidden}
.bar i{display:block;height:100%;background:var(--pass)}
ul.uncovered{columns:2;margin:4px 0;padding-left:20px;font-size:12px}
.muted{color:var(--muted)}
[hidden]{display:none !important}
@media print{
  .filters,.noprint{display:none !important}
  main{max-width:none;padding:0}
  body{font-size:11px}
  pre{max-height:none;overflow:visible}
  details.case,tr,.tile{break-inside:avoid}
  h2{break-after:avoid}
  details::details-content{content-visibility:visible;display:block}
  details>summary{list-style:none}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

export const JS = `
(function(){
  var p=document.getElementById('f-provider'),r=document.getElementById('f-result'),n=document.getElementById('f-count');
  function apply(){
    var pv=p.value,rv=r.value,shown=0;
    document.querySelectorAll('[data-provider]').forEach(function(el){
      var okP=!pv||el.getAttribute('data-provider')===pv;
      var res=el.getAttribute('data-result');
      var okR=!rv||res===null||res===rv;
      el.hidden=!(okP&&okR);
      if(!el.hidden&&el.classList.contains('case-row'))shown++;
    });
    n.textContent=shown+' case'+(shown===1?'':'s')+' shown';
  }
  p.addEventListener('change',apply);r.addEventListener('change',apply);apply();
  window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true;});});
})();
`;

import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import fs from 'node:fs';
const f = process.argv[2];
const data = new Uint8Array(fs.readFileSync(f));
const doc = await pdfjs.getDocument({data, verbosity:0, isEvalSupported:false, useSystemFonts:false}).promise;
console.log('pages', doc.numPages);
for (let p=1;p<=Math.min(doc.numPages, +process.argv[3]||1);p++){
 const page = await doc.getPage(p);
 const vp = page.getViewport({scale:1});
 console.log('PAGE',p, vp.width, vp.height);
 const tc = await page.getTextContent();
 for (const it of tc.items) { if ('str' in it) console.log(JSON.stringify(it.str), it.transform.map(x=>+x.toFixed(1)).join(','), +it.width.toFixed(1), it.hasEOL, it.fontName); }
}
await doc.destroy();

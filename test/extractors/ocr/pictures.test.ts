import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../extractors/html.js';
import { locatePicture, readPictures } from '../../../extractors/pictures.js';
import { fixturePath } from '../../helpers.js';

/** Where a web page's pictures are found, which are read, and what is said about the others. */

function savedPage(): string {
  const folder = mkdtempSync(join(tmpdir(), 'xxgk-pictures-'));
  mkdirSync(join(folder, 'report_files'));
  copyFileSync(fixturePath('saved-page/report_files/table1.png'), join(folder, 'report_files', 'table1.png'));
  return join(folder, 'report.html');
}

/** A PNG header declaring a size, with no pixels behind it (a decompression bomb's first bytes). */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 0, 0, 0, 0], 16);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), ihdr, Buffer.alloc(64)]);
}

describe('finding a page’s pictures', () => {
  it('a relative path is looked up from the page’s folder, as a browser’s "save page, complete" wrote it', async () => {
    const page = savedPage();
    const found = await locatePicture({ src: 'report_files/table1.png?v=2', n: 1 }, page);
    expect(found).toMatchObject({ kind: 'found', name: 'report_files/table1.png' });
  });

  it('a site-absolute path is looked up beside the page and in its _files folder; a picture not there is told apart as absent', async () => {
    const page = savedPage();
    expect(await locatePicture({ src: '/u/cms/www/202301/table1.png', n: 1 }, page)).toMatchObject({
      kind: 'found',
      name: 'report_files/table1.png',
    });
    expect(await locatePicture({ src: '/u/cms/www/202301/seal.png', n: 2 }, page)).toEqual({
      kind: 'absent',
      name: '/u/cms/www/202301/seal.png',
    });
  });

  it('pictures on the web are never fetched; inline data: pictures are decoded', async () => {
    expect(await locatePicture({ src: 'https://www.example.gov.cn/a.png', n: 1 }, savedPage())).toEqual({
      kind: 'remote',
    });
    expect(await locatePicture({ src: '//www.example.gov.cn/a.png', n: 1 }, savedPage())).toEqual({ kind: 'remote' });
    const inline = await locatePicture(
      { src: `data:image/png;base64,${pngHeader(500, 300).toString('base64')}`, n: 3 },
      undefined,
    );
    expect(inline).toMatchObject({ kind: 'found', name: 'data:image/png (picture 3)' });
  });

  it('the pictures of a page read from bytes alone (no folder known) are named as not read', async () => {
    expect(await locatePicture({ src: 'report_files/table1.png', n: 1 }, undefined)).toEqual({
      kind: 'missing',
      reason: "picture report_files/table1.png not read: the page's folder is not known",
    });
  });
});

describe('which pictures are read', () => {
  it('icons, bombs, folders, files that are no pictures, damaged pictures and photographs: each named in a warning (icons silently skipped), nothing read, nothing thrown', async () => {
    const page = savedPage();
    const folder = join(page, '..');
    writeFileSync(join(folder, 'report_files', 'icon.png'), pngHeader(16, 16));
    writeFileSync(join(folder, 'report_files', 'bomb.png'), pngHeader(100_000, 100_000));
    mkdirSync(join(folder, 'report_files', 'folder.png'));
    writeFileSync(join(folder, 'report_files', 'page.png'), '<html>not found</html>');
    // A download broken off after its first 100 bytes, and a header with no picture behind it.
    writeFileSync(
      join(folder, 'report_files', 'damaged.png'),
      readFileSync(fixturePath('saved-page/report_files/table1.png')).subarray(0, 100),
    );
    writeFileSync(join(folder, 'report_files', 'header.png'), pngHeader(600, 400));
    const photo = createCanvas(400, 300);
    const context = photo.getContext('2d');
    const gradient = context.createLinearGradient(0, 0, 400, 300);
    gradient.addColorStop(0, '#404040');
    gradient.addColorStop(1, '#b0b0b0');
    context.fillStyle = gradient;
    context.fillRect(0, 0, 400, 300);
    writeFileSync(join(folder, 'report_files', 'photo.png'), photo.toBuffer('image/png'));
    const names = ['icon', 'bomb', 'folder', 'page', 'damaged', 'header', 'photo'];
    const links = names.map((name, i) => ({ src: `report_files/${name}.png`, n: i + 1 }));
    const read = await readPictures(links, { pagePath: page }, { content: 'table' });
    expect(read.blocks.size).toBe(0);
    expect(read.usedOcr).toBe(false);
    expect(read.messages.map((w) => w.code)).toEqual([
      'picture',
      'picture',
      'picture',
      'picture',
      'picture',
      'picture',
    ]);
    const messages = read.messages.map((w) => w.message);
    expect(messages[0]).toBe(
      'picture not read: report_files/bomb.png is 100000 × 100000 pixels (10000 M); pictures above 40 M pixels are refused, as a decompression bomb could be',
    );
    expect(messages[1]).toBe(
      'picture report_files/folder.png not read: report_files/folder.png is a folder, not a picture',
    );
    expect(messages[2]).toBe(
      'picture report_files/page.png not read: not in a format OCR reads (PNG, JPEG, GIF, BMP, WebP or TIFF)',
    );
    expect(messages[3]).toBe(
      'picture not read: report_files/damaged.png: the PNG file is cut short (it has no end marker)',
    );
    expect(messages[4]).toBe(
      'picture not read: report_files/header.png: the PNG file is cut short (it has no end marker)',
    );
    expect(messages[5]).toMatch(/^picture not read: report_files\/photo.png looks like a photograph/);
  });

  it('past 20 pictures a document’s other pictures are named, not read', async () => {
    const folder = join(savedPage(), '..');
    const photo = createCanvas(200, 100);
    const context = photo.getContext('2d');
    context.fillStyle = '#808080';
    context.fillRect(0, 0, 200, 100);
    for (let i = 1; i <= 22; i++) writeFileSync(join(folder, `p${i}.png`), photo.toBuffer('image/png'));
    const links = Array.from({ length: 22 }, (_, i) => ({ src: `p${i + 1}.png`, n: i + 1 }));
    const read = await readPictures(links, { pagePath: join(folder, 'report.html') }, { content: 'table' });
    expect(read.messages).toHaveLength(21);
    expect(read.messages[20]!.message).toBe(
      '2 more pictures not read (OCR reads at most 20 pictures of a document): p21.png, p22.png',
    );
  });

  it('pictures on the web are named together in one warning', async () => {
    const links = ['http://a.gov.cn/1.png', 'http://a.gov.cn/2.png'].map((src, i) => ({ src, n: i + 1 }));
    const read = await readPictures(links, { pagePath: savedPage() }, { content: 'table' });
    expect(read.messages.map((w) => w.message)).toEqual([
      '2 pictures on the web not read (xxgk never downloads): http://a.gov.cn/1.png, http://a.gov.cn/2.png',
    ]);
  });
});

describe('where a picture stands in a web page', () => {
  it('each <img> is placed between the blocks around it, numbered in page order', () => {
    const { document, pictures } = parseHtml(
      '<p>二、主动公开政府信息情况</p><img src="a.png"><p>三、收到和处理政府信息公开申请情况</p><p>说明<img src="b.png">续</p><table><tr><td>x</td><td>1</td></tr></table><img src="c.png">',
    );
    expect(document.blocks.map((b) => (b.kind === 'text' ? b.text : 'table'))).toEqual([
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '说明',
      '续',
      'table',
    ]);
    expect(pictures).toEqual([
      { src: 'a.png', n: 1, at: 1 },
      { src: 'b.png', n: 2, at: 3 },
      { src: 'c.png', n: 3, at: 5 },
    ]);
  });
});

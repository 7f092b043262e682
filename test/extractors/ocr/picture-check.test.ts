import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '../../helpers.js';
import { describe, expect, it } from 'vitest';
import { ReadError } from '../../../extractors/errors.js';
import { checkPictureStructure } from '../../../extractors/ocr/picture-check.js';
import { decodePicture, sniffPicture } from '../../../extractors/ocr/picture.js';
import { greyPng, pngWithBadDataCrc, poisonPngs } from '../../fixtures/poison-pictures.js';

const OCR = fixturePath('ocr');

async function refusal(promise: Promise<unknown>): Promise<ReadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadError);
  return error as ReadError;
}

describe('pictures checked before the native decoder', () => {
  // Each of these segfaulted @napi-rs/canvas (exit 139): had the check let one through, this test process would die.
  it.each(Object.entries(poisonPngs()))('refuses the PNG with %s as corrupt, in words', async (_, png) => {
    const error = await refusal(decodePicture(png, 'poison.png'));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/^poison\.png: PNG .+（the (PNG header|CRC of the PNG's IHDR)/);
  });

  it('refuses picture data whose CRC fails, rather than reading it as a blank page', async () => {
    const error = await refusal(decodePicture(pngWithBadDataCrc(), 'x.png'));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('IDAT');
  });

  it('decodes the same PNG when it is whole', async () => {
    const grey = await decodePicture(greyPng(), 'good.png');
    expect([grey.width, grey.height]).toEqual([64, 48]);
  });

  it('passes every real picture of the OCR fixtures', () => {
    for (const name of [
      'blank.png',
      'report-page.png',
      'report-scan.jpg',
      'photo.jpg',
      'table.png',
      'table-tilted.png',
    ]) {
      const bytes = readFileSync(join(OCR, name));
      expect(() => checkPictureStructure(bytes, name, sniffPicture(bytes))).not.toThrow();
    }
  });

  it('refuses a JPEG whose frame header or segment lengths are damaged', () => {
    const jpeg = readFileSync(join(OCR, 'report-scan.jpg'));
    const sof = [0xc0, 0xc1, 0xc2].map((m) => jpeg.indexOf(Buffer.from([0xff, m]))).find((i) => i > 0)!;
    const badSampling = Buffer.from(jpeg);
    badSampling[sof + 11] = 0x00;
    const badLength = Buffer.from(jpeg);
    badLength.writeUInt16BE(0xfff0, 4);
    const noScan = jpeg.subarray(0, sof + 40);
    for (const bytes of [badSampling, badLength, noScan]) {
      expect(() => checkPictureStructure(bytes, 'x.jpg', 'jpeg')).toThrow(/JPEG/);
    }
  });
});

import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { withPath } from './write-path.js';
import {
  Decimal,
  Dictionary,
  Float64,
  Int32,
  Int64,
  Table as ArrowTable,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  type Vector,
} from 'apache-arrow';
import {
  Compression,
  EnabledStatistics,
  Table as WasmTable,
  WriterPropertiesBuilder,
  transformParquetStream,
  writeParquet,
  type RecordBatch,
  type WriterProperties,
} from 'parquet-wasm';
import type { DataField } from './exporter.js';

/**
 * One Parquet file written as rows come: rows are gathered into Arrow record batches (apache-arrow), handed to
 * parquet-wasm's streaming writer, which writes a row group whenever it holds ROW_GROUP_VALUES values; the bytes go
 * straight to disk. Memory is bounded by one batch and one row group, whatever the number of rows.
 *
 * Column types are chosen so that DuckDB, pyarrow and R arrow read the file without casts: integers as Int32/Int64,
 * amounts as Decimal(38, 8) (exact for every figure to 0.0001 元), repeated strings as dictionaries.
 */

export type ColumnType = 'dictionary' | 'string' | 'int32' | 'int64' | 'decimal' | 'float64';

export interface ParquetColumn {
  name: string;
  type: ColumnType;
  /** What the column holds, in Chinese and English (the datapackage.json field description). */
  description: string;
}

export type ParquetValue = string | number | null | undefined;

const DECIMAL = new Decimal(8, 38, 128);
/**
 * Values gathered before they are handed to the writer (cells.parquet's 19 columns: ~3,400 rows). Small batches keep
 * parquet-wasm's memory flat: its WebAssembly memory never shrinks, and batches of a million values made it grow by
 * ~30 MB with every batch (measured: 4 million decimals took it to 125 MB; in batches of 65,536 values, 23 MB).
 */
const BATCH_VALUES = 65_536;
/**
 * Values per row group (cells.parquet: ~52,000 rows, about 260 reports; the wide dataset: ~3,000 rows). The writer
 * holds a row group's columns until it is complete: 4 million values cost ~60 MB more for the same files.
 */
const ROW_GROUP_VALUES = 1_000_000;

/** Frictionless field types of the column types. */
export function dataField(column: ParquetColumn): DataField {
  const type =
    column.type === 'int32' || column.type === 'int64'
      ? 'integer'
      : column.type === 'decimal' || column.type === 'float64'
        ? 'number'
        : 'string';
  return { name: column.name, type, description: column.description };
}

export class ParquetFile {
  private readonly values: ParquetValue[][];
  private rows = 0;
  private readonly properties: WriterProperties;
  private controller: ReadableStreamDefaultController<RecordBatch> | undefined;
  /** Resolved when the writer wants more batches (back-pressure: at most one batch waits). */
  private wanted: (() => void) | undefined;
  /** The streaming writer, started with the first batch (it learns the schema from it). */
  private written: Promise<void> | undefined;

  private readonly batchRows: number;

  constructor(
    private readonly path: string,
    readonly columns: ParquetColumn[],
  ) {
    // Batches and row groups hold a number of values, not of rows: the wide dataset has 20 times the columns of
    // cells.parquet, and memory must not depend on which file is written or how many reports there are.
    this.batchRows = Math.max(1, Math.floor(BATCH_VALUES / columns.length));
    const rowGroupRows = Math.max(1, Math.floor(ROW_GROUP_VALUES / columns.length));
    // One array per column, allocated once and overwritten batch after batch.
    this.values = columns.map(() => new Array<ParquetValue>(this.batchRows).fill(null));
    // Statistics per column chunk (what DuckDB uses to skip row groups), not per page, which cost ~15% of the writing.
    // Parquet's own dictionary encoding only for the columns that are dictionaries: tried on numbers and free text it
    // cost ~6% of the writing for ~10% smaller files.
    let builder = new WriterPropertiesBuilder();
    for (const column of columns)
      if (column.type !== 'dictionary') builder = builder.setColumnDictionaryEnabled(column.name, false);
    this.properties = builder
      .setCompression(Compression.ZSTD)
      .setStatisticsEnabled(EnabledStatistics.Chunk)
      .setMaxRowGroupSize(rowGroupRows)
      .setCreatedBy('xxgk')
      .build();
  }

  /** Add a row; returns a promise only when a batch was handed on (wait for it: the writer may be behind). */
  append(row: ParquetValue[]): Promise<void> | undefined {
    for (let i = 0; i < row.length; i++) this.values[i]![this.rows] = row[i];
    return ++this.rows >= this.batchRows ? this.flush() : undefined;
  }

  async close(): Promise<void> {
    if (!this.written && this.rows === 0) {
      // No rows at all: the schema alone, written at once.
      await writeFile(this.path, writeParquet(WasmTable.fromIPCStream(this.ipc()), this.properties));
      return;
    }
    await this.flush();
    this.controller!.close();
    await this.written;
  }

  /** The rows gathered so far as an Arrow IPC stream (the schema alone when there are none). */
  private ipc(): Uint8Array {
    const vectors: Record<string, Vector> = {};
    this.columns.forEach(
      (column, i) =>
        (vectors[column.name] = toVector(
          column.type,
          this.rows === this.batchRows ? this.values[i]! : this.values[i]!.slice(0, this.rows),
        )),
    );
    this.rows = 0;
    return tableToIPC(new ArrowTable(vectors), 'stream');
  }

  private start(): ReadableStreamDefaultController<RecordBatch> {
    let controller!: ReadableStreamDefaultController<RecordBatch>;
    const batches = new ReadableStream<RecordBatch>(
      {
        start: (c) => void (controller = c),
        pull: () => {
          this.wanted?.();
          this.wanted = undefined;
        },
      },
      { highWaterMark: 1 },
    );
    const file = Writable.toWeb(createWriteStream(this.path)) as WritableStream<Uint8Array>;
    this.written = transformParquetStream(batches, this.properties)
      .then((bytes) => (bytes as ReadableStream<Uint8Array>).pipeTo(file))
      .catch(withPath(this.path));
    return controller;
  }

  private async flush(): Promise<void> {
    if (this.rows === 0) return;
    const table = WasmTable.fromIPCStream(this.ipc());
    this.controller ??= this.start();
    for (const batch of table.recordBatches()) {
      if ((this.controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (this.wanted = resolve));
      this.controller.enqueue(batch);
    }
    table.free();
  }
}

/**
 * Arrow vectors built straight from typed arrays (apache-arrow's generic builders cost more than the rest of the
 * export together).
 */
function toVector(type: ColumnType, values: ParquetValue[]): Vector {
  switch (type) {
    case 'decimal':
      return decimalVector(values as (number | null | undefined)[]);
    case 'dictionary':
      return dictionaryVector(values);
    case 'string': {
      const { validity, nulls } = validityOf(values);
      return makeVector(
        makeData({ type: new Utf8(), length: values.length, nullCount: nulls, nullBitmap: validity, ...utf8(values) }),
      );
    }
    case 'int32':
      return numberVector(new Int32(), values, Int32Array);
    case 'float64':
      return numberVector(new Float64(), values, Float64Array);
    case 'int64': {
      const { validity, nulls } = validityOf(values);
      const data = BigInt64Array.from(values, (v) => (v === null || v === undefined ? 0n : BigInt(v)));
      return makeVector(
        makeData({ type: new Int64(), length: values.length, nullCount: nulls, nullBitmap: validity, data }),
      );
    }
  }
}

function validityOf(values: ParquetValue[]): { validity: Uint8Array | null; nulls: number } {
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nulls++;
    else validity[i >> 3]! |= 1 << (i & 7);
  });
  return { validity: nulls > 0 ? validity : null, nulls };
}

function numberVector(
  type: Int32 | Float64,
  values: ParquetValue[],
  Typed: Int32ArrayConstructor | Float64ArrayConstructor,
): Vector {
  const { validity, nulls } = validityOf(values);
  const data = new Typed(values.length);
  values.forEach((v, i) => (data[i] = typeof v === 'number' ? v : 0));
  return makeVector(makeData({ type, length: values.length, nullCount: nulls, nullBitmap: validity, data } as never));
}

/** Strings as Arrow's UTF-8 layout: one byte buffer and the offsets into it. */
function utf8(values: ParquetValue[]): { valueOffsets: Int32Array; data: Uint8Array } {
  const valueOffsets = new Int32Array(values.length + 1);
  const texts = values.map((v) => (v === null || v === undefined ? '' : String(v)));
  texts.forEach((text, i) => (valueOffsets[i + 1] = valueOffsets[i]! + Buffer.byteLength(text)));
  return { valueOffsets, data: Buffer.from(texts.join(''), 'utf8') };
}

function dictionaryVector(values: ParquetValue[]): Vector {
  const type = new Dictionary(new Utf8(), new Int32());
  const { validity, nulls } = validityOf(values);
  const index = new Map<string, number>();
  const indices = new Int32Array(values.length);
  // Values come in runs (a report's file name on each of its cells, a table's key on each of its rows): a run is
  // looked up once.
  let last: ParquetValue = null;
  let lastAt = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (v !== last) {
      const text = String(v);
      let at = index.get(text);
      if (at === undefined) index.set(text, (at = index.size));
      last = v;
      lastAt = at;
    }
    indices[i] = lastAt;
  }
  const words = [...index.keys()];
  const dictionary = makeVector(makeData({ type: new Utf8(), length: words.length, nullCount: 0, ...utf8(words) }));
  return makeVector(
    makeData({ type, length: values.length, nullCount: nulls, nullBitmap: validity, data: indices, dictionary }),
  );
}

const TWO_32 = 2 ** 32;

/** Decimal(38, 8) values: each number scaled by 10^8 exactly (through its decimal digits), as 128-bit integers. */
function decimalVector(values: (number | null | undefined)[]): Vector {
  const words = new Uint32Array(values.length * 4);
  const valid = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((value, i) => {
    // Beyond 38 digits a figure cannot be held: it is left empty rather than wrapped round (no report prints one).
    if (value === null || value === undefined || !Number.isFinite(value) || Math.abs(value) >= 1e30) {
      nulls++;
      return;
    }
    valid[i >> 3]! |= 1 << (i & 7);
    const scaled = Number.isInteger(value) && Math.abs(value) < 9e7 ? value * 1e8 : undefined;
    if (scaled !== undefined && scaled >= 0) {
      words[i * 4] = scaled % TWO_32;
      words[i * 4 + 1] = Math.floor(scaled / TWO_32);
      return;
    }
    const exact = Math.abs(value) < 1e21 ? BigInt(value.toFixed(8).replace('.', '')) : BigInt(value) * 10n ** 8n;
    const unsigned = BigInt.asUintN(128, exact);
    for (let w = 0; w < 4; w++) words[i * 4 + w] = Number((unsigned >> BigInt(32 * w)) & 0xffffffffn);
  });
  return makeVector(
    makeData({
      type: DECIMAL,
      length: values.length,
      nullCount: nulls,
      nullBitmap: nulls > 0 ? valid : null,
      data: words,
    }),
  );
}

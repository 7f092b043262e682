/** The part of utif2 (a TIFF decoder without type declarations of its own) that xxgk uses. */
declare module 'utif2' {
  export interface IFD {
    [tag: string]: unknown;
    width?: number;
    height?: number;
    data?: Uint8Array;
  }
  export function decode(buffer: ArrayBuffer | Uint8Array, options?: { parseMN?: boolean; debug?: boolean }): IFD[];
  export function decodeImage(buffer: ArrayBuffer | Uint8Array, ifd: IFD, ifds?: IFD[]): void;
  export function toRGBA8(ifd: IFD): Uint8Array;
  const UTIF: { decode: typeof decode; decodeImage: typeof decodeImage; toRGBA8: typeof toRGBA8 };
  export default UTIF;
}

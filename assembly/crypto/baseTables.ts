// The fixed-base halves of verification's double-scalar multiplication (ed25519.ts): the odd
// multiples B, 3B, ..., 127B of the base point, then those of 2^128 B, in affine precomputed form
// (y+x, y-x, 2dxy), 120 bytes each. They are computed when an instance starts (its start function
// runs this module's statements) rather than shipped: as data they were 15 KB that deflate poorly,
// some 14 KB of every app's JavaScript.
import { PRECOMP_SIZE } from "./point";
import { oddMultiplesPrecomp } from "./fixedBase";
import { BASE_POINT, BASE128_POINT } from "./curveConstants";

const ODD_MULTIPLES: u32 = 64;   // a width-8 wNAF's digits 1, 3, ..., 127

const TABLES: usize = memory.data(<i32>(2 * ODD_MULTIPLES * <u32>PRECOMP_SIZE), 16);
export const BASE_ODD_MULTIPLES: usize = TABLES;
export const BASE128_ODD_MULTIPLES: usize = TABLES + <usize>ODD_MULTIPLES * PRECOMP_SIZE;

oddMultiplesPrecomp(TABLES, BASE_POINT, BASE128_POINT, ODD_MULTIPLES);

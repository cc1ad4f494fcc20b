// See package.json: cbor-x falls back to its JavaScript decoder when this module throws.
throw new Error('cbor-extract (native) is not installed in this project');

// Written by `npm run wasm -w @kebao/risk` from philox.wat — edit that file, not this one.

/** Philox4x32-10 blocks as uniforms (philox.wat), 1029 bytes of WebAssembly. */
export const PHILOX_WASM: Uint8Array = Uint8Array.from(
  atob(
    'AGFzbQEAAAABCwFgB39/f39/f38AAwIBAAUDAQABBxMCBm1lbW9yeQIABnJlZmlsbAAACs8HAcwHAwd/An4BfwJAA0AgByAATw0B' +
      'IAEgB2ohCCACIQkgAyEKIAQhCyAFIQwgBiENQtO+xJINIAitfiEOQtea+uwMIAqtfiEPIA9CIIinIAlzIAxzIQggD6chCSAOQiCI' +
      'pyALcyANcyEKIA6nIQsgDEG5893xeWohDCANQYXdntt7aiENQtO+xJINIAitfiEOQtea+uwMIAqtfiEPIA9CIIinIAlzIAxzIQgg' +
      'D6chCSAOQiCIpyALcyANcyEKIA6nIQsgDEG5893xeWohDCANQYXdntt7aiENQtO+xJINIAitfiEOQtea+uwMIAqtfiEPIA9CIIin' +
      'IAlzIAxzIQggD6chCSAOQiCIpyALcyANcyEKIA6nIQsgDEG5893xeWohDCANQYXdntt7aiENQtO+xJINIAitfiEOQtea+uwMIAqt' +
      'fiEPIA9CIIinIAlzIAxzIQggD6chCSAOQiCIpyALcyANcyEKIA6nIQsgDEG5893xeWohDCANQYXdntt7aiENQtO+xJINIAitfiEO' +
      'Qtea+uwMIAqtfiEPIA9CIIinIAlzIAxzIQggD6chCSAOQiCIpyALcyANcyEKIA6nIQsgDEG5893xeWohDCANQYXdntt7aiENQtO+' +
      'xJINIAitfiEOQtea+uwMIAqtfiEPIA9CIIinIAlzIAxzIQggD6chCSAOQiCIpyALcyANcyEKIA6nIQsgDEG5893xeWohDCANQYXd' +
      'ntt7aiENQtO+xJINIAitfiEOQtea+uwMIAqtfiEPIA9CIIinIAlzIAxzIQggD6chCSAOQiCIpyALcyANcyEKIA6nIQsgDEG5893x' +
      'eWohDCANQYXdntt7aiENQtO+xJINIAitfiEOQtea+uwMIAqtfiEPIA9CIIinIAlzIAxzIQggD6chCSAOQiCIpyALcyANcyEKIA6n' +
      'IQsgDEG5893xeWohDCANQYXdntt7aiENQtO+xJINIAitfiEOQtea+uwMIAqtfiEPIA9CIIinIAlzIAxzIQggD6chCSAOQiCIpyAL' +
      'cyANcyEKIA6nIQsgDEG5893xeWohDCANQYXdntt7aiENQtO+xJINIAitfiEOQtea+uwMIAqtfiEPIA9CIIinIAlzIAxzIQggD6ch' +
      'CSAOQiCIpyALcyANcyEKIA6nIQsgB0EEdCEQIBAgCLhEAAAAAAAAQEGiIAlBC3a4oEQAAAAAAADgP6BEAAAAAAAAoDyiOQMAIBAg' +
      'CrhEAAAAAAAAQEGiIAtBC3a4oEQAAAAAAADgP6BEAAAAAAAAoDyiOQMIIAdBAWohBwwACwsL',
  ),
  (c) => c.charCodeAt(0),
);

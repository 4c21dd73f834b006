use std::env;

fn main() -> miette::Result<()> {
	if cfg!(feature = "bundled") {
		// Builds the project in the directory located in `core`, installing it into $OUT_DIR
		// track patch: the writers (and the bundled libzint they need) only with the `writers` feature.
		let writers = if cfg!(feature = "writers") { "ON" } else { "OFF" };
		let eci_multibyte = if cfg!(feature = "eci-multibyte") { "ON" } else { "OFF" };
		let mut dst = cmake::Config::new("core")
			.define("BUILD_SHARED_LIBS", "OFF")
			.define("ZXING_READERS", "ON")
			.define("ZXING_WRITERS", writers)
			.define("ZXING_EXPERIMENTAL_API", "OFF")
			.define("ZXING_C_API", "ON")
			.define("ZXING_USE_BUNDLED_ZINT", writers)
			// track patch: without the readers of Aztec and MaxiCode (track reads neither: its formats are
			// Code 128, Code 39, ITF, QR Code, Data Matrix, PDF417 and EAN/UPC), about 55 KB of the
			// phone's library.
			.define("ZXING_ENABLE_AZTEC", "OFF")
			.define("ZXING_ENABLE_MAXICODE", "OFF")
			// track patch: without the multibyte character sets (Shift JIS, Big5, GB 2312, GBK, GB 18030,
			// EUC-KR: about 117 KB of tables) unless the `eci-multibyte` feature is on; a symbol whose text
			// is in one of them reads with an empty text (see PATCHES.md).
			.define("ZXING_ECI_MULTIBYTE", eci_multibyte)
			.define("CMAKE_INSTALL_LIBDIR", "lib")
			.build();
		dst.push("lib");
		println!("cargo:rustc-link-search=native={}", dst.display());
		println!("cargo:rustc-link-lib=static=ZXing");

		if let Ok(target) = env::var("TARGET") {
			if target.contains("apple") {
				println!("cargo:rustc-link-lib=dylib=c++");
			} else if target.contains("linux") {
				println!("cargo:rustc-link-lib=dylib=stdc++");
			}
		}
	} else if let Ok(lib_dir) = env::var("ZXING_CPP_LIB_DIR") {
		println!("cargo:rustc-link-search=native={lib_dir}");
		println!("cargo:rustc-link-lib=dylib=ZXing");
	} else {
		// panic!("ZXing library not found. Use feature 'bundled' or set environment variabale ZXING_CPP_LIB_DIR.")
	}

	// manual bindings.rs generation:
	// bindgen core/src/ZXingC.h -o src/bindings.rs --no-prepend-enum-name --merge-extern-blocks --use-core --no-doc-comments --no-layout-tests --with-derive-partialeq --allowlist-item "ZXing.*" -- -Itarget/release/build/zxing-cpp-*/out/include

	// replace enum decimal constants with hexadecimal ones for better readability
	// perl -0777 -i -pe 's/(pub const (?:ZXing_(?:Barcode|Image)Format_\w+: ZXing_(?:Barcode|Image)Format) = )(\d+);/$1 . sprintf("0x%04X;", $2)/ge' src/bindings.rs
	Ok(())
}

// libhdf5's constants are macros Swift cannot import (they call H5open and read globals);
// these inline functions hand them over, and keep the few version-dependent calls in one place.
#include <hdf5.h>
#include <string.h>

static inline hid_t chdf5_default(void) { return H5P_DEFAULT; }
static inline hid_t chdf5_all(void) { return H5S_ALL; }
static inline unsigned chdf5_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline hid_t chdf5_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t chdf5_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t chdf5_ieee_f32le(void) { return H5T_IEEE_F32LE; }
static inline hid_t chdf5_std_i64le(void) { return H5T_STD_I64LE; }
static inline hid_t chdf5_c_s1(void) { return H5T_C_S1; }

/// Turns off libhdf5's printing of its error stack to stderr (errors are read instead).
static inline void chdf5_silence(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

static herr_t chdf5_walk(unsigned n, const H5E_error2_t *err, void *data) {
    // The innermost error (n == 0) says what libhdf5 found wrong, e.g. "file signature not found".
    if (n == 0 && err->desc) { strncpy((char *)data, err->desc, 255); ((char *)data)[255] = 0; }
    return 0;
}

/// Copies the innermost message of the current error stack into `buffer` (256 bytes), then clears it.
static inline void chdf5_last_error(char *buffer) {
    buffer[0] = 0;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, chdf5_walk, buffer);
    H5Eclear2(H5E_DEFAULT);
}

#include "../../../zint/backend/raster.c"

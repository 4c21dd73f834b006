#include "../../../zint/backend/dmatrix.h"

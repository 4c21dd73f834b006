#include "../../../zint/backend/pdf417.h"

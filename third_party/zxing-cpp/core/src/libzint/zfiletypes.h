#include "../../../zint/backend/zfiletypes.h"

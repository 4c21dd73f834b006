#include "../../../zint/backend/maxicode.h"

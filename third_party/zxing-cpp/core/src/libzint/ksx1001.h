#include "../../../zint/backend/ksx1001.h"

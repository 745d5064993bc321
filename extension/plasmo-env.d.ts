/// <reference types="plasmo/templates/plasmo" />

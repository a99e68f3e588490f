print(chr(65), ord("a"), hex(255), bin(5), oct(8), hex(-16))

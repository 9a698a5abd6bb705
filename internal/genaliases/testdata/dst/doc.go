package dst

//go:generate go run ../../cmd/genaliases -out dst_gen.go -src ../src History Event=HistoryEvent Kind *Attributes

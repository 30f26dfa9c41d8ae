import { Schema, type Types } from 'mongoose';
import { defineModel } from '../platform/model.js';

/** One line of a product's bill of materials: how much of a material one unit uses. */
export interface BillOfMaterialsLine {
  /** A material's code (domain/materials). */
  code: string;
  /** Per unit of the product, in the material's unit (may be fractional: 0.5 m of ribbon). */
  qty: number;
}

/** Something the shop sells from its catalog; aliases are how customers name it in chat. */
export interface Product {
  _id: Types.ObjectId;
  /** Stable, human-readable id (e.g. "buket-mawar-merah"): what the parser returns and staff type. */
  sku: string;
  name: string;
  aliases: string[];
  /** Integer rupiah. */
  price: number;
  category?: string;
  description?: string;
  /** Units in stock; undefined = not tracked (made to order). */
  stock?: number;
  active: boolean;
  /** Bill of materials per unit; deducted from material stock when an order goes into production. */
  materials: BillOfMaterialsLine[];
  /** A stored image, relative to the data directory. */
  image?: string;
  createdAt: Date;
}

export const productSchema = new Schema<Product>(
  {
    sku: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    aliases: { type: [String], default: [] },
    price: { type: Number, required: true, min: 0, validate: Number.isInteger },
    category: String,
    description: String,
    stock: Number,
    active: { type: Boolean, default: true },
    materials: {
      type: [
        new Schema<BillOfMaterialsLine>(
          { code: { type: String, required: true }, qty: { type: Number, required: true, min: 0 } },
          { _id: false },
        ),
      ],
      default: [],
    },
    image: String,
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
productSchema.index({ active: 1, category: 1 });

export const productModel = defineModel('Product', productSchema);
